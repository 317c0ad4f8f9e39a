using TigerImport.Tests.Integrity;
using TigerImport.Tests.Support;

namespace TigerImport.Tests.Agreement;

/// <summary>
/// A real Census file (the Virgin Islands' 2010 tracts: 73 holes, 11 multi-part) rewritten with every ring reversed
/// (shells counter-clockwise, holes clockwise) or with each record's rings listed last first (holes before their
/// shells), imported by the real executable and by ogr2ogr: GDAL reads such records by nesting, and the importer
/// must publish the same shapes — which are the original file's shapes, holes and all.
/// </summary>
[Collection(PostgisCollection.Name)]
public sealed class When_rings_are_reversed_or_out_of_order(PostgisServer postgis)
{
    private const string Tracts = "tl_2010_78_tract10.zip";

    [Theory]
    [InlineData("reversed")]
    [InlineData("holes_first")]
    public async Task The_importer_reads_the_shapes_ogr2ogr_reads(string change)
    {
        Assert.SkipUnless(ExternalTool.IsInstalled("ogr2ogr"), "ogr2ogr is not installed (scripts/install-deps.sh gdal).");
        var schema = $"rings_{change}";
        using var folder = IntegrityCli.WithFile(Tracts);
        var path = Path.Combine(folder.Path, Tracts);
        var original = await OgrImport.LoadAsync(postgis, path, $"{schema}_ogr", "original");
        var zip = ShapefileZip.Read(path);
        if (change == "reversed")
        {
            zip.ReverseAllRings();
        }
        else
        {
            zip.ListRingsLastFirst();
        }

        zip.Write(path);
        var changed = await OgrImport.LoadAsync(postgis, path, $"{schema}_ogr", "changed");

        var (exitCode, output) = await IntegrityCli.ImportAsync(postgis, folder.Path, schema, "TRACT");

        Assert.True(exitCode == 0, output);
        Assert.Contains("32 rows, 0 repaired, 0 rejected of 32 read", output);
        var ours = $"{schema}.tract_2010";

        // As the agreement tests hold it: the same shape wherever ogr2ogr's is valid. Where it is not (GDAL makes the
        // holes of the three reversed water tracts into shells nested in their shell), ours is the original shape.
        foreach (var (theirs, where) in new[] { ($"{schema}_ogr.{changed}", "ST_IsValid(o.geom) AND"), ($"{schema}_ogr.{original}", "") })
        {
            var differing = await IntegrityCli.ScalarAsync<long>(
                postgis, $"SELECT count(*) FROM {theirs} o FULL JOIN {ours} u USING (geoid10) WHERE u.geom IS NULL OR o.geom IS NULL OR ({where} NOT ST_Equals(o.geom, u.geom))");
            Assert.True(differing == 0, $"{differing} tract(s) differ from {theirs}");
        }

        Assert.Equal(73L, await IntegrityCli.ScalarAsync<long>(postgis, $"SELECT sum(ST_NumInteriorRings(p.geom)) FROM {ours}, ST_Dump(geom) p"));
    }
}
