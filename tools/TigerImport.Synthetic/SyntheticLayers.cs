using System.Globalization;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Esri;
using TigerImport.Samples;
using TigerImport.Samples.Vintage2024;

namespace TigerImport.Synthetic;

/// <summary>
/// Large TIGER-schema files for benchmarks: the 2024 layouts with made-up but plausible values. Every feature is a
/// pure function of its index (a <see cref="Random"/> seeded with it), so the same count gives the same bytes.
/// </summary>
internal static class SyntheticLayers
{
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4269);

    /// <summary>tl_2024_35013_edges: chained lines of 2 to 40 vertices inside Doña Ana County's box (<see cref="EdgeChains"/>).</summary>
    public static TigerLayerSample Edges(int count) => new("tl_2024_35013_edges", ShapeType.PolyLine, TigerLayouts2024.Edges,
        new GeneratedFeatures(count, Edge));

    /// <summary>tl_2024_35_tract: star-shaped tract polygons of 20 to 400 vertices on a grid; every tenth has a hole.</summary>
    public static TigerLayerSample Tracts(int count) => new("tl_2024_35_tract", ShapeType.Polygon, Tract2024,
        new GeneratedFeatures(count, index => Tract(index, (int)Math.Ceiling(Math.Sqrt(count)))));

    // The 2024 TRACT layout (not among the committed samples).
    private static readonly IReadOnlyList<TigerField> Tract2024 =
    [
        TigerField.Text("STATEFP", 2),
        TigerField.Text("COUNTYFP", 3),
        TigerField.Text("TRACTCE", 6),
        TigerField.Text("GEOID", 11),
        TigerField.Text("GEOIDFQ", 20),
        TigerField.Text("NAME", 7),
        TigerField.Text("NAMELSAD", 20),
        TigerField.Text("MTFCC", 5),
        TigerField.Text("FUNCSTAT", 1),
        TigerField.Number("ALAND", 14),
        TigerField.Number("AWATER", 14),
        TigerField.Text("INTPTLAT", 11),
        TigerField.Text("INTPTLON", 12),
    ];

    private static TigerFeature Edge(int index)
    {
        var random = new Random(index);
        var (points, from, to) = EdgeChains.Edge(index, 0, random, -106.9, 32.2, 0.4, 0.4);
        long tlid = 100_000_000 + index;
        var road = random.Next(4) != 0;
        var address = random.Next(100, 9000) * 2;
        return new(Factory.CreateLineString(points),
        [
            "35", "013", tlid, 200_000_000L + 2L * index, 200_000_001L + 2L * index, road ? "S1400" : "H3010",
            road ? $"Synthetic Rd {index % 5000}" : "", "",
            road ? $"{address}" : "", road ? $"{address + 98}" : "", road ? $"{address + 1}" : "", road ? $"{address + 99}" : "",
            road ? "88001" : "", road ? "88001" : "",
            road ? "S" : "H", road ? "N" : "Y", "N", road ? "Y" : "N", "N", "", "N", "", "N", "N",
            road ? "" : "P", "N", "N", "N", 300_000_000L + from, 300_000_000L + to,
        ]);
    }

    /// <summary>A degree of latitude, in metres (the mean).</summary>
    private const double MetresPerDegree = 111_320;

    private static TigerFeature Tract(int index, int columns)
    {
        const double cell = 0.01;
        var random = new Random(index);
        var centerX = -109.0 + (index % columns + 0.5) * cell;
        var centerY = 31.4 + (index / columns + 0.5) * cell;

        // Star-shaped around the centre (one vertex per angle step, radius 30-48% of the cell): always a simple ring
        // inside its own cell, so neighbours never overlap.
        var vertices = random.Next(20, 401);
        var ring = new Coordinate[vertices + 1];
        for (var i = 0; i < vertices; i++)
        {
            var angle = 2 * Math.PI * i / vertices;
            var radius = cell * (0.30 + random.NextDouble() * 0.18);
            ring[i] = new Coordinate(Math.Round(centerX + radius * Math.Cos(angle), 7), Math.Round(centerY + radius * Math.Sin(angle), 7));
        }

        ring[vertices] = ring[0];
        LinearRing[] holes = index % 10 == 0 ? [Square(centerX, centerY, cell * 0.1)] : [];
        var county = 1 + index / 999_999 % 999;
        var tract = index % 999_999 + 1;
        var geoid = $"35{county:000}{tract:000000}";
        var polygon = Factory.CreatePolygon(Factory.CreateLinearRing(ring), holes);
        // As Census's own: ALAND+AWATER is the shape's area (m², near enough on this small cell), and the internal point
        // lies inside the shape: off the centre, clear of the hole (±0.1 cell) and inside the star (radius ≥ 0.29 cell).
        var squareMetres = polygon.Area * MetresPerDegree * MetresPerDegree * Math.Cos(centerY * Math.PI / 180);
        var water = (long)(squareMetres * random.NextDouble() * 0.1);
        var (pointX, pointY) = (centerX + cell * 0.2, centerY);
        return new(polygon,
        [
            "35", $"{county:000}", $"{tract:000000}", geoid, "1400000US" + geoid, $"{tract / 100.0:0.##}",
            $"Census Tract {tract / 100.0:0.##}", "G5020", "S", (long)squareMetres - water, water,
            $"+{pointY.ToString("00.0000000", CultureInfo.InvariantCulture)}", pointX.ToString("000.0000000", CultureInfo.InvariantCulture),
        ]);
    }

    private static LinearRing Square(double x, double y, double half) => Factory.CreateLinearRing(
    [
        new(x - half, y - half), new(x - half, y + half), new(x + half, y + half), new(x + half, y - half), new(x - half, y - half),
    ]);
}
