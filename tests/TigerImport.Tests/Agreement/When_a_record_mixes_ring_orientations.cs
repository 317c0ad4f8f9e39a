using TigerImport.Tests.Integrity;
using TigerImport.Tests.Support;

namespace TigerImport.Tests.Agreement;

/// <summary>
/// One record of a real Census file (the Virgin Islands' 2010 tracts) replaced by rings whose orientations disagree
/// with each other — two shells, one clockwise and one counter-clockwise, and a hole, in several orders and
/// orientations — imported by the real executable and by ogr2ogr: the importer publishes the shape GDAL reads where
/// that is valid, and otherwise GDAL's reading made valid (the shape by nesting), for that record and every other.
/// </summary>
[Collection(PostgisCollection.Name)]
public sealed class When_a_record_mixes_ring_orientations(PostgisServer postgis)
{
    private const string Tracts = "tl_2010_78_tract10.zip";

    // Clockwise (y up) is a shell's orientation in a shapefile, counter-clockwise a hole's.
    private static readonly (double X, double Y)[] ShellCw = [(-64.9, 18.3), (-64.9, 18.4), (-64.8, 18.4), (-64.8, 18.3), (-64.9, 18.3)];
    private static readonly (double X, double Y)[] ShellCcw = [(-64.75, 18.3), (-64.7, 18.3), (-64.7, 18.35), (-64.75, 18.35), (-64.75, 18.3)];
    private static readonly (double X, double Y)[] HoleCcw = [(-64.88, 18.32), (-64.85, 18.32), (-64.85, 18.35), (-64.88, 18.35), (-64.88, 18.32)];

    private static (double X, double Y)[] Reversed((double X, double Y)[] ring) => [.. ring.Reverse()];

    public static TheoryData<string> Cases => ["cw_ccw_hole", "cw_hole_ccw", "ccw_cw_hole", "cw_ccw_cwhole", "ccw_hole_cw"];

    private static (double X, double Y)[][] Rings(string name) => name switch
    {
        "cw_ccw_hole" => [ShellCw, ShellCcw, HoleCcw],
        "cw_hole_ccw" => [ShellCw, HoleCcw, ShellCcw],
        "ccw_cw_hole" => [ShellCcw, ShellCw, HoleCcw],
        "cw_ccw_cwhole" => [ShellCw, ShellCcw, Reversed(HoleCcw)],
        _ => [ShellCcw, HoleCcw, ShellCw],
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_importer_reads_the_shape_ogr2ogr_reads(string rings)
    {
        Assert.SkipUnless(ExternalTool.IsInstalled("ogr2ogr"), "ogr2ogr is not installed (scripts/install-deps.sh gdal).");
        var schema = $"mixed_{rings}";
        using var folder = IntegrityCli.WithFile(Tracts);
        var path = Path.Combine(folder.Path, Tracts);
        var zip = ShapefileZip.Read(path);
        zip.ReplaceShapeRings(record => record == 1 ? Rings(rings) : null);

        // The record's row agrees with its new shape, as the shape-agreement gate requires: its internal point inside
        // the clockwise shell and outside the hole, its area that of two shells less the hole (0.0116 square degrees
        // at 18.35°N, about 136 km²).
        zip.SetDbfValue(1, "INTPTLAT10", "+18.3800000");
        zip.SetDbfValue(1, "INTPTLON10", "-064.8200000");
        zip.SetDbfValue(1, "ALAND10", "136130000");
        zip.SetDbfValue(1, "AWATER10", "0");
        zip.Write(path);
        var theirs = $"{schema}_ogr." + await OgrImport.LoadAsync(postgis, path, $"{schema}_ogr", "changed");

        var (exitCode, output) = await IntegrityCli.ImportAsync(postgis, folder.Path, schema, "TRACT");

        // GDAL assigns these rings by orientation (METHOD=ONLY_CCW): a counter-clockwise shell becomes a hole outside its
        // shell, a clockwise hole an overlapping shell, both invalid; where its reading is valid ours is the same, where
        // not, ours is its reading made valid (ST_MakeValid), which is the shape by nesting: two shells, one hole.
        Assert.True(exitCode == 0, output);
        var ours = $"{schema}.tract_2010";
        var differing = await IntegrityCli.ScalarAsync<string>(
            postgis, $"SELECT coalesce(string_agg(geoid10 || ' ours ' || coalesce(ST_AsText(u.geom), '-') || ' theirs ' || coalesce(ST_AsText(o.geom), '-'), '; '), 'none') FROM {theirs} o FULL JOIN {ours} u USING (geoid10) WHERE u.geom IS NULL OR o.geom IS NULL OR NOT ST_Equals(CASE WHEN ST_IsValid(o.geom) THEN o.geom ELSE ST_MakeValid(o.geom) END, u.geom)");
        Assert.True(differing == "none", differing);
        Assert.Equal("2 shells, 1 hole", await IntegrityCli.ScalarAsync<string>(
            postgis, $"SELECT ST_NumGeometries(geom) || ' shells, ' || (SELECT sum(ST_NumInteriorRings(p.geom)) FROM ST_Dump(geom) p) || ' hole' FROM {ours} WHERE abs(ST_XMin(geom) + 64.9) < 1e-9"));
    }
}
