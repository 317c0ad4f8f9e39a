using NetTopologySuite.IO;
using TigerImport.Load;

namespace TigerImport.Tests.Load;

/// <summary>The hand-written EWKB must be byte for byte what NetTopologySuite's PostGIS writer makes.</summary>
public sealed class EwkbTests
{
    [Theory]
    [InlineData("MULTIPOLYGON (((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 2 4, 4 4, 4 2, 2 2)), ((20 20, 30 20, 30 30, 20 20)))", 4326)]
    [InlineData("MULTIPOLYGON (((-106.6 35.1, -106.5 35.1, -106.5 35.2, -106.6 35.1)))", 4269)]
    [InlineData("MULTILINESTRING ((0 0, 1 1, 2 0), (5 5, 6 6))", 3857)]
    [InlineData("MULTILINESTRING ((-1e-300 1.7976931348623157e308, 0.1 -0.2))", 5070)]
    public void Matches_the_PostGIS_writer(string wkt, int srid)
    {
        var geometry = new WKTReader().Read(wkt);
        geometry.SRID = srid;

        Assert.Equal(new PostGisWriter().Write(geometry), Ewkb.Encode(geometry));
    }
}
