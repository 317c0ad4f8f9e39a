using System.Globalization;
using TigerImport.Tests.Support;

namespace TigerImport.Tests.Integrity;

/// <summary>
/// The <c>shape-moved</c> change gate, through the real executable against PostGIS: a republish of the real 2010 Rhode
/// Island tract file (skipped without ../shared) whose shapes and internal points agree with each other (so
/// <c>shape-agreement</c> cannot see the lie) but no longer with their keys is refused with exit 4, naming the gate,
/// with the published table unchanged; <c>--allow-change</c> publishes it; the same real file again passes.
/// </summary>
[Collection(PostgisCollection.Name)]
public sealed class When_a_republish_moves_shapes_against_their_keys(PostgisServer postgis)
{
    private const string Tract = "tl_2010_44_tract10.zip";
    private const string Gate = "quality gate 'shape-moved' failed";
    private static readonly string[] Keys = ["GEOID10", "TRACTCE10", "NAME10", "NAMELSAD10"];
    private static readonly string[] ShapeFields = ["INTPTLAT10", "INTPTLON10", "ALAND10", "AWATER10"];

    [Fact]
    public async Task Shp_records_rotated_by_one_with_their_internal_points_are_refused_by_shape_moved()
    {
        // Every row moves to the next shape, except the internal point and areas, which stay with their shape.
        var run = await IntegrityCli.ReimportDamagedAsync(postgis, "moved_shp", Tract, "TRACT", zip =>
        {
            zip.RotateDbfRows();
            zip.RotateDbfFields(ShapeFields, by: -1);
        });

        IntegrityCli.AssertDataError(run, Tract, Gate, "moved_shp.tract_2010 partition 44");
    }

    [Fact]
    public async Task Keys_rotated_by_one_within_each_county_are_refused_by_shape_moved()
    {
        var run = await IntegrityCli.ReimportDamagedAsync(postgis, "moved_keys", Tract, "TRACT", zip => zip.RotateDbfFields(Keys, within: "COUNTYFP10"));

        IntegrityCli.AssertDataError(run, Tract, Gate);
    }

    [Fact]
    public async Task Every_coordinate_and_internal_point_shifted_0_15_degrees_is_refused_unless_allowed()
    {
        using var folder = IntegrityCli.WithFile(Tract);
        var path = Path.Combine(folder.Path, Tract);
        var first = await IntegrityCli.ImportAsync(postgis, folder.Path, "moved_shift", "TRACT");
        Assert.True(first.ExitCode == 0, first.Output);
        var before = await TableChecksum.OfAsync(postgis, "moved_shift.tract_2010");
        var west = await IntegrityCli.ScalarAsync<double>(postgis, "SELECT ST_XMin(ST_Extent(geom)) FROM moved_shift.tract_2010");
        var zip = ShapefileZip.Read(path);
        zip.MovePoints((x, y) => (x + 0.15, y));
        for (var record = 1; record <= zip.RecordCount; record++)
        {
            var lon = double.Parse(zip.DbfText(record, "INTPTLON10"), CultureInfo.InvariantCulture) + 0.15;
            zip.SetDbfValue(record, "INTPTLON10", lon.ToString("+000.0000000;-000.0000000", CultureInfo.InvariantCulture));
        }

        File.Delete(path);
        zip.Write(path);

        var (exitCode, output) = await IntegrityCli.ImportAsync(postgis, folder.Path, "moved_shift", "TRACT");
        IntegrityCli.AssertDataError((exitCode, output, before, await TableChecksum.OfAsync(postgis, "moved_shift.tract_2010")), Tract, Gate);

        var allowed = await IntegrityCli.ImportAsync(postgis, folder.Path, "moved_shift", "TRACT", ["--allow-change"]);
        Assert.True(allowed.ExitCode == 0, allowed.Output);
        var shifted = await IntegrityCli.ScalarAsync<double>(postgis, "SELECT ST_XMin(ST_Extent(geom)) FROM moved_shift.tract_2010");
        Assert.InRange(shifted - west, 0.149, 0.151);
    }

    [Fact]
    public async Task The_same_real_file_republished_passes_and_compares_every_key()
    {
        using var folder = IntegrityCli.WithFile(Tract);
        Assert.Equal(0, (await IntegrityCli.ImportAsync(postgis, folder.Path, "moved_same", "TRACT")).ExitCode);

        var (exitCode, output) = await IntegrityCli.ImportAsync(postgis, folder.Path, "moved_same", "TRACT", ["--force"]);

        Assert.True(exitCode == 0, output);
        Assert.Contains("shape-moved: 0 of the 244 keys both versions have moved their shape", output);
    }
}
