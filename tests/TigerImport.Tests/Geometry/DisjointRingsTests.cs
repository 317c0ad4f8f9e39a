using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using NetTopologySuite.Operation.Valid;
using TigerImport.Archive;
using TigerImport.Geometry;
using TigerImport.Tests.Support;

namespace TigerImport.Tests.Geometry;

/// <summary>
/// The quick validity proof may only ever say "valid" for what IsValidOp calls valid; it is checked against IsValidOp on
/// hand-made cases, on many random polygons on a coarse grid (where touching, collinear and crossing segments are
/// common), and on every polygon of the bundled samples, where it must also prove most of them (or it saves nothing).
/// </summary>
public sealed class DisjointRingsTests
{
    private static readonly WKTReader Reader = new();

    [Theory]
    [InlineData("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))", true)]
    [InlineData("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 2 4, 4 4, 4 2, 2 2), (6 6, 6 8, 8 8, 8 6, 6 6))", true)]
    [InlineData("MULTIPOLYGON (((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 2 8, 8 8, 8 2, 2 2)), ((3 3, 7 3, 7 7, 3 7, 3 3)))", true)] // an island in a lake
    [InlineData("POLYGON ((0 0, 5 0, 10 0, 10 10, 0 10, 0 0))", true)] // collinear neighbours going on
    [InlineData("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (0 0, 2 4, 4 2, 0 0))", false)] // a hole touching its shell: valid, not proved
    [InlineData("POLYGON ((0 0, 2 2, 2 0, 0 2, 0 0))", false)] // bowtie
    [InlineData("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (12 2, 12 4, 14 4, 14 2, 12 2))", false)] // hole outside
    [InlineData("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (1 1, 1 9, 9 9, 9 1, 1 1), (2 2, 2 4, 4 4, 4 2, 2 2))", false)] // nested holes
    [InlineData("MULTIPOLYGON (((0 0, 10 0, 10 10, 0 10, 0 0)), ((2 2, 4 2, 4 4, 2 4, 2 2)))", false)] // nested shells
    [InlineData("MULTIPOLYGON (((0 0, 10 0, 10 10, 0 10, 0 0)), ((5 5, 15 5, 15 15, 5 15, 5 5)))", false)] // overlapping parts
    [InlineData("MULTIPOLYGON (((0 0, 10 0, 10 10, 0 10, 0 0)), ((10 0, 20 0, 20 10, 10 10, 10 0)))", false)] // parts sharing an edge
    [InlineData("POLYGON ((0 0, 10 0, 5 0, 5 5, 0 0))", false)] // a spike folding back along itself
    [InlineData("POLYGON ((0 0, 10 0, 10 0, 10 10, 0 0))", false)] // a repeated point
    [InlineData("POLYGON ((0 0, 10 0, 10 10, 5 0, 0 10, 0 0))", false)] // a vertex on another segment
    [InlineData("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 2 8, 8 8, 8 2, 2 2), (4 4, 4 6, 6 6, 6 4, 4 4))", false)] // a hole in a hole
    [InlineData("MULTIPOLYGON (((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 2 8, 8 8, 8 2, 2 2)), ((1 1, 9 1, 9 9, 1 9, 1 1)))", false)] // a part across a lake's shore
    public void Proves_only_what_is_valid(string wkt, bool proved)
    {
        var geometry = Reader.Read(wkt);

        Assert.Equal(proved, DisjointRings.ProveValid(geometry));
        Assert.True(!proved || new IsValidOp(geometry).IsValid);
    }

    [Fact]
    public void Never_proves_an_invalid_random_polygon_and_proves_most_valid_ones()
    {
        var random = new Random(20261126);
        var factory = new GeometryFactory();
        int valid = 0, proved = 0, invalid = 0;
        for (var n = 0; n < 20_000; n++)
        {
            var geometry = RandomPolygonal(random, factory);
            var isValid = new IsValidOp(geometry).IsValid;
            var isProved = DisjointRings.ProveValid(geometry);
            Assert.False(isProved && !isValid, $"proved valid but invalid: {geometry.AsText()}");
            valid += isValid ? 1 : 0;
            invalid += isValid ? 0 : 1;
            proved += isProved ? 1 : 0;
        }

        // Both kinds must be common for the comparison to mean something, and the proof must carry most valid ones.
        Assert.InRange(invalid, 2_000, 18_000);
        Assert.True(proved > valid / 2, $"{proved} of {valid} valid polygons proved");
    }

    [Theory]
    [InlineData("tl_2024_35_place.zip")]
    [InlineData("tl_2024_35_cd119.zip")]
    [InlineData("tl_2024_35_sldu.zip")]
    [InlineData("tl_2024_us_county.zip")]
    [InlineData("tl_2024_us_state.zip")]
    public void Agrees_with_IsValidOp_on_the_samples(string sample)
    {
        using var archive = TigerArchive.Open(Path.Combine(RepoPaths.Samples, sample), sample, CancellationToken.None);
        using var reader = archive.OpenShapefile(System.Text.Encoding.UTF8, new GeometryFactory(), CancellationToken.None);
        int polygons = 0, proved = 0;
        while (reader.Read(out _))
        {
            if (reader.Geometry is not { IsEmpty: false } geometry)
            {
                continue;
            }

            polygons++;
            if (DisjointRings.ProveValid(geometry))
            {
                proved++;
                Assert.True(new IsValidOp(geometry).IsValid, $"{sample}: record {polygons} proved valid but invalid");
            }
        }

        Assert.True(polygons > 0 && proved >= polygons * 9 / 10, $"{sample}: {proved} of {polygons} polygons proved");
    }

    /// <summary>One to three polygons of one to three rings, vertices on a 12×12 grid: many touch, cross or fold.</summary>
    private static NetTopologySuite.Geometries.Geometry RandomPolygonal(Random random, GeometryFactory factory)
    {
        Polygon NewPolygon()
        {
            var rings = Enumerable.Range(0, random.Next(1, 4)).Select(_ => Ring()).ToArray();
            return factory.CreatePolygon(rings[0], rings[1..]);
        }

        LinearRing Ring()
        {
            // A star around a random centre: usually simple, sometimes not once snapped to the grid.
            var (cx, cy) = (random.Next(2, 10), random.Next(2, 10));
            var count = random.Next(3, 9);
            var points = Enumerable.Range(0, count)
                .Select(i => (Angle: (2 * Math.PI * i / count) + (random.NextDouble() * 0.5), Radius: 1 + (random.NextDouble() * 5)))
                .Select(p => new Coordinate(Math.Round(cx + (p.Radius * Math.Cos(p.Angle))), Math.Round(cy + (p.Radius * Math.Sin(p.Angle)))))
                .ToList();
            points.Add(points[0].Copy());
            while (points.Count < 4)
            {
                points.Insert(1, points[0].Copy());
            }

            return factory.CreateLinearRing(points.ToArray());
        }

        var parts = Enumerable.Range(0, random.Next(1, 4)).Select(_ => NewPolygon()).ToArray();
        return parts.Length == 1 ? parts[0] : factory.CreateMultiPolygon(parts);
    }
}
