using NetTopologySuite.IO;
using TigerImport.Catalog;
using TigerImport.Geometry;

namespace TigerImport.Tests.Geometry;

/// <summary>WKT in, WKT out, as NetTopologySuite tests its GeometryFixer.</summary>
public sealed class GeometryNormalizerTests
{
    private static readonly WKTReader Reader = new();

    [Theory]
    [InlineData("POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))", "MULTIPOLYGON (((0 0, 1 0, 1 1, 0 1, 0 0)))")]
    [InlineData("MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5)))", "MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5)))")]
    public void Valid_polygons_are_kept_as_read_and_made_multi(string input, string expected)
    {
        var verdict = new GeometryNormalizer(LayerGeometry.MultiPolygon).Normalize(Reader.Read(input), TestContext.Current.CancellationToken);

        Assert.Equal(GeometryFate.Kept, verdict.Fate);
        Assert.Equal(expected, verdict.Geometry!.AsText());
    }

    [Fact]
    public void A_bowtie_is_repaired_into_two_triangles()
    {
        var verdict = new GeometryNormalizer(LayerGeometry.MultiPolygon).Normalize(Reader.Read("POLYGON ((0 0, 2 2, 2 0, 0 2, 0 0))"), TestContext.Current.CancellationToken);

        Assert.Equal(GeometryFate.Repaired, verdict.Fate);
        Assert.Contains("Self-intersection", verdict.Reason);
        Assert.Equal("MultiPolygon", verdict.Geometry!.GeometryType);
        Assert.True(verdict.Geometry.IsValid);
        Assert.Equal(2, verdict.Geometry.NumGeometries);
        Assert.Equal(2.0, verdict.Geometry.Area, 9);
    }

    [Theory]
    [InlineData("POLYGON EMPTY", "empty geometry")]
    [InlineData("POINT (1 1)", "Point in a MultiPolygon layer")]
    [InlineData("POLYGON ((0 0, 1 1, 2 2, 0 0))", "unrepairable")]
    public void Empty_wrong_or_unrepairable_geometry_is_rejected_with_a_reason(string input, string reason)
    {
        var verdict = new GeometryNormalizer(LayerGeometry.MultiPolygon).Normalize(Reader.Read(input), TestContext.Current.CancellationToken);

        Assert.Equal(GeometryFate.Rejected, verdict.Fate);
        Assert.Null(verdict.Geometry);
        Assert.Contains(reason, verdict.Reason);
    }

    [Fact]
    public void A_null_shape_is_rejected() =>
        Assert.Equal(GeometryFate.Rejected, new GeometryNormalizer(LayerGeometry.MultiLineString).Normalize(null, TestContext.Current.CancellationToken).Fate);

    [Fact]
    public void Lines_become_multilines() => Assert.Equal(
        "MULTILINESTRING ((0 0, 1 1))",
        new GeometryNormalizer(LayerGeometry.MultiLineString).Normalize(Reader.Read("LINESTRING (0 0, 1 1)"), TestContext.Current.CancellationToken).Geometry!.AsText());
}
