using System.Text.Json;
using TigerImport.Tests.Support;

namespace TigerImport.Tests.Attributes;

/// <summary>
/// An attribute-only county table (FEATNAMES: a .dbf and .cpg, no .shp) through the real executable and PostGIS: two
/// counties of one state load into one partition with no geometry column, the report, status and rejects handle it,
/// a file that loses most keys is refused (--allow-change publishes it), revert restores the version before, and a
/// damaged .dbf or a zip of the wrong kind is refused (exit 4) leaving the published table as it was.
/// </summary>
[Collection(PostgisCollection.Name)]
public sealed class When_an_attribute_only_table_is_imported(PostgisServer postgis)
{
    private const string Table = "featnames_2024";

    [Fact]
    public async Task Two_counties_publish_without_geometry_and_report_status_rejects_change_detection_revert_and_prune_handle_it()
    {
        const string schema = "attr_e2e";
        using var folder = new TempFolder();
        using var output = new TempFolder();
        AttributeTableZip.Write(folder.Path, AttributeTableZip.Featnames("tl_2024_35001_featnames", 200_000_000, 40), changeDbf: AttributeTableZip.DeleteRecord(7));
        AttributeTableZip.Write(folder.Path, AttributeTableZip.Featnames("tl_2024_35013_featnames", 300_000_000, 25));
        var report = Path.Combine(output.Path, "run.json");

        var (exit, log) = await ImportAsync(folder.Path, schema, "--report", report);

        Assert.True(exit == 0, log);
        Assert.Contains("is an attribute-only table (a .dbf with no .shp)", log);
        Assert.Equal(1, Occurrences(log, "is an attribute-only table"));
        Assert.DoesNotContain("the extent gate holds files to", log);
        Assert.Equal(64L, await ScalarAsync<long>($"SELECT count(*) FROM {schema}.{Table}"));
        Assert.Equal(
            "35001:39 35013:25",
            await ScalarAsync<string>($"SELECT string_agg(tiger_scope || ':' || n, ' ' ORDER BY tiger_scope) FROM (SELECT tiger_scope, count(*) n FROM {schema}.{Table} GROUP BY 1) s"));
        Assert.Equal(1L, await ScalarAsync<long>($"SELECT count(*) FROM pg_inherits WHERE inhparent = '{schema}.{Table}'::regclass"));
        Assert.Equal("Añasco", await ScalarAsync<string>($"SELECT name FROM {schema}.{Table} WHERE tiger_scope = '35013' AND tlid = 300000003"));

        // No geometry anywhere: no column, no geometry_columns row, no GiST index; the key (TLID) has its btree index.
        Assert.Equal(0L, await ScalarAsync<long>($"SELECT count(*) FROM information_schema.columns WHERE table_schema = '{schema}' AND table_name LIKE 'featnames%' AND udt_name = 'geometry'"));
        Assert.Equal(0L, await ScalarAsync<long>($"SELECT count(*) FROM geometry_columns WHERE f_table_schema LIKE '{schema}%' AND f_table_name LIKE 'featnames%'"));
        Assert.Equal(0L, await ScalarAsync<long>($"SELECT count(*) FROM pg_indexes WHERE schemaname LIKE '{schema}%' AND tablename LIKE 'featnames%' AND indexdef ILIKE '%gist%'"));
        Assert.True(await ScalarAsync<long>($"SELECT count(*) FROM pg_indexes WHERE schemaname = '{schema}' AND tablename = '{Table}_p35' AND indexdef LIKE '%(tlid)%'") == 1);

        // The report: the layer published, one rejected record, no geometry fields to trip over.
        using (var document = JsonDocument.Parse(await File.ReadAllTextAsync(report, TestContext.Current.CancellationToken)))
        {
            var layer = Assert.Single(document.RootElement.GetProperty("layers").EnumerateArray());
            Assert.Equal("FEATNAMES", layer.GetProperty("layer").GetString());
            Assert.Equal("Published", layer.GetProperty("outcome").GetString());
            Assert.Equal(2, layer.GetProperty("files").GetArrayLength());
            Assert.Equal(1, layer.GetProperty("files").EnumerateArray().Sum(f => f.GetProperty("rejected").GetInt64()));
        }

        // Rejects: the deleted record, with its attributes and a null geometry in the GeoJSON.
        var geojson = Path.Combine(output.Path, "rejects.geojson");
        var (rejectsExit, rejects) = await CliProcess.RunAsync(postgis.Url, "rejects", "--schema", schema, "--geojson", geojson);
        Assert.True(rejectsExit == 0, rejects);
        Assert.Contains("tl_2024_35001_featnames.zip", rejects);
        Assert.Contains("record marked deleted in the .dbf", rejects);
        using (var document = JsonDocument.Parse(await File.ReadAllTextAsync(geojson, TestContext.Current.CancellationToken)))
        {
            var feature = Assert.Single(document.RootElement.GetProperty("features").EnumerateArray());
            Assert.Equal(JsonValueKind.Null, feature.GetProperty("geometry").ValueKind);
            Assert.Equal(7, feature.GetProperty("properties").GetProperty("record").GetInt32());
        }

        await AssertStatusAsync(schema, rows: 64, rejected: 1, backups: 0);
        var first = await TableChecksum.OfAsync(postgis, $"{schema}.{Table}");

        // A republish whose file keeps the row count but loses every key of its county: key-share refuses it.
        AttributeTableZip.Write(folder.Path, AttributeTableZip.Featnames("tl_2024_35001_featnames", 900_000_000, 40));
        var (refusedExit, refused) = await ImportAsync(folder.Path, schema);
        Assert.True(refusedExit == 4, refused);
        Assert.Contains($"quality gate 'key-share' failed for {schema}.{Table} partition 35", refused);
        Assert.Contains("--allow-change", refused);
        Assert.Equal(first, await TableChecksum.OfAsync(postgis, $"{schema}.{Table}"));
        Assert.Equal(0L, await ScalarAsync<long>($"SELECT count(*) FROM pg_tables WHERE schemaname = '{schema}_staging'"));

        var (changedExit, changed) = await ImportAsync(folder.Path, schema, "--allow-change");
        Assert.True(changedExit == 0, changed);
        Assert.Equal(40L, await ScalarAsync<long>($"SELECT count(*) FROM {schema}.{Table} WHERE tiger_scope = '35001' AND tlid >= 900000000"));
        Assert.Equal(25L, await ScalarAsync<long>($"SELECT count(*) FROM {schema}.{Table} WHERE tiger_scope = '35013'"));
        await AssertStatusAsync(schema, rows: 65, rejected: 0, backups: 1);

        // Revert restores the first version row for row; prune then drops the backup revert would use.
        var (revertExit, reverted) = await CliProcess.RunAsync(postgis.Url, "revert", "--year", "2024", "--layers", "FEATNAMES", "--schema", schema);
        Assert.True(revertExit == 0, reverted);
        Assert.Equal(first, await TableChecksum.OfAsync(postgis, $"{schema}.{Table}"));

        var (pruneExit, pruned) = await CliProcess.RunAsync(postgis.Url, "prune-backups", "--year", "2024", "--layers", "FEATNAMES", "--schema", schema);
        Assert.True(pruneExit == 0, pruned);
        Assert.Equal(0L, await ScalarAsync<long>($"SELECT count(*) FROM pg_tables WHERE schemaname = '{schema}_backup'"));
        Assert.Equal(first, await TableChecksum.OfAsync(postgis, $"{schema}.{Table}"));

        // One county reloaded (--counties): the state's other county is carried over into the new partition as it was.
        var otherCounty = await ScalarAsync<string>($"SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) FROM {schema}.{Table} t WHERE tiger_scope = '35001'");
        AttributeTableZip.Write(folder.Path, AttributeTableZip.Featnames("tl_2024_35013_featnames", 300_000_000, 26));
        var (planExit, plan) = await CliProcess.RunAsync(postgis.Url, "plan", "--source", folder.Path, "--year", "2024", "--layers", "FEATNAMES", "--counties", "35013", "--schema", schema);
        Assert.True(planExit == 0, plan);
        Assert.Contains("tl_2024_35013_featnames.zip changed", plan);
        var (countyExit, county) = await ImportAsync(folder.Path, schema, "--counties", "35013");
        Assert.True(countyExit == 0, county);
        Assert.Equal(26L, await ScalarAsync<long>($"SELECT count(*) FROM {schema}.{Table} WHERE tiger_scope = '35013'"));
        Assert.Equal(otherCounty, await ScalarAsync<string>($"SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) FROM {schema}.{Table} t WHERE tiger_scope = '35001'"));
    }

    [Fact]
    public async Task A_dbf_cut_inside_its_records_is_refused_naming_the_file_and_the_published_table_is_unchanged()
    {
        const string schema = "attr_cut";
        using var folder = new TempFolder();
        AttributeTableZip.Write(folder.Path, AttributeTableZip.Featnames("tl_2024_35001_featnames", 200_000_000, 30));
        Assert.Equal(0, (await ImportAsync(folder.Path, schema)).ExitCode);
        var before = await TableChecksum.OfAsync(postgis, $"{schema}.{Table}");

        AttributeTableZip.Write(folder.Path, AttributeTableZip.Featnames("tl_2024_35001_featnames", 200_000_000, 31), changeDbf: AttributeTableZip.CutRecords(2));
        var (exit, log) = await ImportAsync(folder.Path, schema);

        Assert.True(exit == 4, log);
        Assert.Contains("tl_2024_35001_featnames.zip: member tl_2024_35001_featnames.dbf is shorter than its header says: 31 records", log);
        Assert.Equal(before, await TableChecksum.OfAsync(postgis, $"{schema}.{Table}"));
    }

    [Fact]
    public async Task A_cpg_that_disagrees_with_the_dbf_bytes_is_refused_as_for_a_shapefile()
    {
        using var folder = new TempFolder();
        var latin1 = AttributeTableZip.Featnames("tl_2024_35001_featnames", 200_000_000, 10) with { Encoding = new TigerImport.Samples.TigerEncoding(System.Text.Encoding.Latin1, "UTF-8") };
        AttributeTableZip.Write(folder.Path, latin1);

        var (exit, log) = await ImportAsync(folder.Path, "attr_cpg");

        Assert.True(exit == 4, log);
        Assert.True(log.Contains("tl_2024_35001_featnames.zip record 4: field FULLNAME holds bytes that are not UTF-8", StringComparison.Ordinal), log);
        Assert.Contains("the .cpg and the .dbf's bytes disagree", log);
        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM pg_tables WHERE schemaname IN ('attr_cpg', 'attr_cpg_staging') AND tablename LIKE 'featnames%'"));
    }

    [Fact]
    public async Task A_zip_with_a_stray_shp_for_an_attribute_only_table_is_refused_with_a_clear_message()
    {
        using var folder = new TempFolder();
        AttributeTableZip.Write(folder.Path, AttributeTableZip.Featnames("tl_2024_35001_featnames", 200_000_000, 10), withShapefile: true);

        var (exit, log) = await ImportAsync(folder.Path, "attr_stray");

        Assert.True(exit == 4, log);
        Assert.Contains(
            "tl_2024_35001_featnames.zip holds tl_2024_35001_featnames.shp, tl_2024_35001_featnames.shx, tl_2024_35001_featnames.prj, but FEATNAMES is an attribute-only table",
            log);
        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM pg_tables WHERE schemaname = 'attr_stray' AND tablename LIKE 'featnames%'"));
    }

    [Fact]
    public async Task A_dbf_alone_for_a_geometry_layer_is_refused_naming_the_missing_shp()
    {
        using var folder = new TempFolder();
        AttributeTableZip.Write(folder.Path, AttributeTableZip.Featnames("tl_2024_35001_edges", 200_000_000, 10));

        var (exit, log) = await CliProcess.RunAsync(postgis.Url, "import", "--source", folder.Path, "--year", "2024", "--layers", "EDGES", "--schema", "attr_noshp");

        Assert.True(exit == 4, log);
        Assert.Contains("tl_2024_35001_edges.zip has no .shp member (EDGES is a geometry layer; a .dbf alone is an attribute-only table)", log);
    }

    private Task<(int ExitCode, string Output)> ImportAsync(string folder, string schema, params string[] extra) =>
        CliProcess.RunAsync(postgis.Url, ["import", "--source", folder, "--year", "2024", "--layers", "FEATNAMES", "--schema", schema, .. extra]);

    private async Task AssertStatusAsync(string schema, long rows, long rejected, int backups)
    {
        var (exit, status) = await CliProcess.RunAsync(postgis.Url, "status", "--schema", schema, "--json");
        Assert.True(exit == 0, status);
        using var document = JsonDocument.Parse(status.Split('\n').Single(line => line.StartsWith("{\"layers\"", StringComparison.Ordinal)));
        var layer = Assert.Single(document.RootElement.GetProperty("layers").EnumerateArray());
        Assert.Equal("FEATNAMES", layer.GetProperty("layer").GetString());
        Assert.Equal($"{schema}.{Table}", layer.GetProperty("table").GetString());
        Assert.Equal(rows, layer.GetProperty("rows").GetInt64());
        Assert.Equal(rejected, layer.GetProperty("rejected").GetInt64());
        Assert.Equal(backups, layer.GetProperty("backups").GetInt32());

        var (textExit, text) = await CliProcess.RunAsync(postgis.Url, "status", "--schema", schema);
        Assert.True(textExit == 0, text);
        Assert.Contains($"schema {schema}:", text);
        Assert.Contains(Table, text);
    }

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var db = postgis.CreateDataSource();
        return await TestImport.ScalarAsync<T>(db, sql);
    }

    private static int Occurrences(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
