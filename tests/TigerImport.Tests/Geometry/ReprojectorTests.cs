using NetTopologySuite.Geometries;
using TigerImport.Geometry;

namespace TigerImport.Tests.Geometry;

public sealed class ReprojectorTests
{
    private const string CensusPrj = """GEOGCS["GCS_North_American_1983",DATUM["D_North_American_1983",SPHEROID["GRS_1980",6378137,298.257222101]],PRIMEM["Greenwich",0],UNIT["Degree",0.017453292519943295]]""";

    private static Point Transformed(int srid, double x, double y)
    {
        var point = new GeometryFactory(new PrecisionModel(), 4269).CreatePoint(new Coordinate(x, y));
        return (Point)Reprojector.Create(SpatialReferences.ParseProjection(CensusPrj, "test.zip"), srid).Project(point).Geometry!;
    }

    [Fact]
    public void NAD83_to_WGS84_keeps_coordinates_and_stamps_the_SRID()
    {
        var point = Transformed(4326, -106.7637, 32.3199);
        Assert.Equal((-106.7637, 32.3199, 4326), (point.X, point.Y, point.SRID));
    }

    [Fact]
    public void Web_Mercator_matches_the_spherical_formula()
    {
        var point = Transformed(3857, -106.7637, 32.3199);
        const double r = 6378137;
        Assert.Equal(r * -106.7637 * Math.PI / 180, point.X, 3);
        Assert.Equal(r * Math.Log(Math.Tan(Math.PI / 4 + 32.3199 * Math.PI / 360)), point.Y, 3);
    }

    [Fact]
    public void Conus_Albers_puts_its_origin_at_23N_96W() =>
        Assert.Equal((0.0, 0.0), (Math.Round(Transformed(5070, -96, 23).X, 3), Math.Round(Transformed(5070, -96, 23).Y, 3)));

    [Theory]
    [InlineData(null)]
    [InlineData("NOT A CRS")]
    public void A_missing_or_unreadable_prj_is_a_data_error(string? prj)
    {
        var error = Assert.Throws<TigerImportException>(() => SpatialReferences.ParseProjection(prj, "tl_2024_35_place.zip"));
        Assert.Equal(FailureKind.Data, error.Kind);
        Assert.Contains("tl_2024_35_place.zip", error.Message);
    }

    [Fact]
    public void An_unsupported_target_SRID_is_a_usage_error() =>
        Assert.Equal(FailureKind.Usage, Assert.Throws<TigerImportException>(() => SpatialReferences.Target(2263)).Kind);

    [Fact]
    public async Task Every_truncation_of_a_prj_is_read_or_refused_promptly()
    {
        for (var length = 0; length < CensusPrj.Length; length++)
        {
            var text = CensusPrj[..length];
            var parse = Task.Run(() => Record.Exception(() => SpatialReferences.ParseProjection(text, "test.zip")), TestContext.Current.CancellationToken);
            var finished = await Task.WhenAny(parse, Task.Delay(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken));
            Assert.True(finished == parse, $"parsing the first {length} characters of the .prj did not return");
            var error = await parse;
            Assert.True(error is null or TigerImportException, error?.ToString());
        }
    }
}
