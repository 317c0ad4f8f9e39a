using Npgsql;
using TigerImport.Catalog;
using TigerImport.Import;
using TigerImport.Tests.Support;

namespace TigerImport.Tests.Agreement;

/// <summary>
/// Every real Census zip in ../shared/tiger, imported by tigerimport and by ogr2ogr (-nlt PROMOTE_TO_MULTI
/// -t_srs EPSG:4326, with the importer's null NAD83 → WGS 84 operation): the same rows (DBF records − rejected), the same attribute values, geometries within 1e-9°,
/// and nothing invalid or empty published.
/// </summary>
[Collection(PostgisCollection.Name)]
public sealed class When_a_real_census_file_is_imported(PostgisServer postgis)
{
    private const string Schema = "agree";
    private const string OgrSchema = "agree_ogr";

    public static TheoryData<string> Files => RepoPaths.SharedTigerZips();

    [Theory]
    [MemberData(nameof(Files))]
    public async Task It_agrees_with_ogr2ogr(string fileName)
    {
        var folder = RepoPaths.SharedTiger;
        Assert.SkipUnless(ExternalTool.IsInstalled("ogr2ogr"), "ogr2ogr is not installed (scripts/install-deps.sh gdal).");
        Assert.True(TigerFileName.TryParse(fileName, out var file));
        await using var db = postgis.CreateDataSource();

        var summary = await TestImport.RunAsync(db, folder, Schema, file.Year, file.Layer.Key, states: file.StateFips);
        var layer = Assert.Single(summary.Layers);
        Assert.True(layer.Outcome == LayerOutcome.Published, layer.Error);
        var result = Assert.Single(layer.Files, f => f.File == fileName);

        var ogrTable = await OgrImport.LoadAsync(postgis, Path.Combine(folder, fileName), OgrSchema, Path.GetFileNameWithoutExtension(file.FileName));
        var ours = $"(SELECT * FROM {Schema}.{file.Vintage.TableName} WHERE tiger_scope = '{file.ScopeCode}')";
        var theirs = $"{OgrSchema}.{ogrTable}";

        // Row counts: ogr2ogr keeps every record (null geometry included); ours are the records not rejected.
        var ogrRows = await TestImport.ScalarAsync<long>(db, $"SELECT count(*) FROM {theirs}");
        Assert.Equal(ogrRows, result.Read);
        Assert.Equal(ogrRows - result.Rejected, await TestImport.ScalarAsync<long>(db, $"SELECT count(*) FROM {ours} t"));

        // Attributes: pair rows by every attribute (keys such as ADDRFEAT's TLID repeat), then by geometry.
        var attributes = await AttributeColumnsAsync(db, ogrTable);
        var rowText = string.Join(", ", attributes.Select(c => $"coalesce({c}::text, '∅')"));
        var paired = $"""
            WITH o AS (SELECT concat_ws('|', {rowText}) AS row, geom, row_number() OVER (PARTITION BY concat_ws('|', {rowText}) ORDER BY ST_AsBinary(ST_Normalize(geom))) AS n FROM {theirs}),
                 u AS (SELECT concat_ws('|', {rowText}) AS row, geom, row_number() OVER (PARTITION BY concat_ws('|', {rowText}) ORDER BY ST_AsBinary(ST_Normalize(geom))) AS n FROM {ours} t)
            """;
        var unmatched = await TestImport.ScalarAsync<long>(db, $"{paired} SELECT count(*) FROM o FULL JOIN u USING (row, n) WHERE o.row IS NULL OR u.row IS NULL");
        Assert.Equal(result.Rejected, unmatched);

        // Geometry: within 1e-9 degrees wherever ogr2ogr's is valid; where it is not, ours is the repaired one.
        var apart = await TestImport.ScalarAsync<long>(db, $"{paired} SELECT count(*) FROM o JOIN u USING (row, n) WHERE ST_IsValid(o.geom) AND ST_HausdorffDistance(o.geom, u.geom) > 1e-9");
        Assert.Equal(0L, apart);
        var invalidTheirs = await TestImport.ScalarAsync<long>(db, $"SELECT count(*) FROM {theirs} WHERE geom IS NOT NULL AND NOT ST_IsValid(geom)");
        Assert.Equal(invalidTheirs, result.Repaired);

        Assert.Equal(0L, await TestImport.ScalarAsync<long>(db, $"SELECT count(*) FROM {ours} t WHERE geom IS NULL OR ST_IsEmpty(geom) OR NOT ST_IsValid(geom) OR ST_SRID(geom) <> 4326"));
    }

    private static async Task<IReadOnlyList<string>> AttributeColumnsAsync(NpgsqlDataSource db, string ogrTable)
    {
        await using var command = db.CreateCommand(
            $"SELECT column_name FROM information_schema.columns WHERE table_schema = '{OgrSchema}' AND table_name = '{ogrTable}' AND column_name NOT IN ('ogc_fid', 'geom') ORDER BY ordinal_position");
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var columns = new List<string>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            columns.Add(reader.GetString(0));
        }

        return columns;
    }
}
