using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Esri;
using TigerImport.Samples;
using TigerImport.Samples.Vintage2024;

namespace TigerImport.Synthetic;

/// <summary>
/// A state's worth of county files for the county-scale benchmark: Texas (48, 254 counties), county <c>n</c> is FIPS
/// <c>2n+1</c> and lies in its own cell of a grid over the state's box, so every file passes the extent, scope and key
/// checks and a state partition is built from all of them. EDGES uses the 2024 (= 2017–2024, the real 2020 file's)
/// field layout; FACES a TIGER-like subset of its layout (TFID key, block codes, LWFLAG, ATOTAL). Each feature is a pure
/// function of its county and index.
/// </summary>
internal static class CountyLayers
{
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4269);
    private const string State = "48";
    private const int Columns = 16;
    private const double West = -106.4, South = 26.0, CellWidth = 0.75, CellHeight = 0.6;

    /// <summary>The real-size FACES layout's fields the bench keeps (2024 names).</summary>
    private static readonly IReadOnlyList<TigerField> FacesLayout =
    [
        TigerField.Number("TFID", 10),
        TigerField.Text("STATEFP20", 2),
        TigerField.Text("COUNTYFP20", 3),
        TigerField.Text("TRACTCE20", 6),
        TigerField.Text("BLKGRPCE20", 1),
        TigerField.Text("BLOCKCE20", 4),
        TigerField.Text("SUFFIX1CE", 1),
        TigerField.Text("ZCTA5CE20", 5),
        TigerField.Text("UACE20", 5),
        TigerField.Text("PUMACE20", 5),
        TigerField.Text("STATEFP", 2),
        TigerField.Text("COUNTYFP", 3),
        TigerField.Text("TRACTCE", 6),
        TigerField.Text("BLKGRPCE", 1),
        TigerField.Text("COUSUBFP", 5),
        TigerField.Text("PLACEFP", 5),
        TigerField.Text("SLDUST", 3),
        TigerField.Text("SLDLST", 3),
        TigerField.Text("CD119FP", 2),
        TigerField.Text("LWFLAG", 1),
        TigerField.Text("OFFSET", 1),
        TigerField.Number("ATOTAL", 14),
    ];

    public static string CountyCode(int county) => $"{2 * county + 1:000}";

    public static TigerLayerSample Edges(int county, int count) => new($"tl_2024_{State}{CountyCode(county)}_edges", ShapeType.PolyLine,
        TigerLayouts2024.Edges, new GeneratedFeatures(count, index => Edge(county, index)));

    public static TigerLayerSample Faces(int county, int count) => new($"tl_2024_{State}{CountyCode(county)}_faces", ShapeType.Polygon,
        FacesLayout, new GeneratedFeatures(count, index => Face(county, index, (int)Math.Ceiling(Math.Sqrt(count)))));

    private static (double X, double Y) Origin(int county) => (West + county % Columns * CellWidth, South + county / Columns * CellHeight);

    private static TigerFeature Edge(int county, int index)
    {
        var random = new Random(county * 1_000_003 + index);
        var (x0, y0) = Origin(county);
        var (points, from, to) = EdgeChains.Edge(index, county + 1, random, x0 + 0.05, y0 + 0.05, CellWidth - 0.1, CellHeight - 0.1);
        // Every id (the nodes' 3 × (county + 1) × 10⁶ + 9/8 × index the largest) stays below 2^31, as real ones do: the .dbf
        // reader reads an N10 field into an Int32.
        long id = (county + 1) * 1_000_000L + index;
        var road = random.Next(4) != 0;
        var address = random.Next(100, 9000) * 2;
        return new(Factory.CreateLineString(points),
        [
            State, CountyCode(county), id, 2 * id, 2 * id + 1, road ? "S1400" : "H3010",
            road ? $"Synthetic Rd {index % 5000}" : "", "",
            road ? $"{address}" : "", road ? $"{address + 98}" : "", road ? $"{address + 1}" : "", road ? $"{address + 99}" : "",
            road ? "78701" : "", road ? "78701" : "",
            road ? "S" : "H", road ? "N" : "Y", "N", road ? "Y" : "N", "N", "", "N", "", "N", "N",
            road ? "" : "P", "N", "N", "N", 3 * (county + 1) * 1_000_000L + from, 3 * (county + 1) * 1_000_000L + to,
        ]);
    }

    /// <summary>A face: a jittered quadrilateral of 5–60 vertices in its own cell of the county's grid (never overlapping).</summary>
    private static TigerFeature Face(int county, int index, int columns)
    {
        var random = new Random(county * 1_000_003 + index);
        var (x0, y0) = Origin(county);
        var cell = Math.Min(CellWidth, CellHeight) / columns;
        var (cx, cy) = (x0 + (index % columns + 0.5) * cell, y0 + (index / columns + 0.5) * cell);
        var vertices = random.Next(4, 60);
        var ring = new Coordinate[vertices + 1];
        for (var i = 0; i < vertices; i++)
        {
            var angle = -2 * Math.PI * i / vertices; // clockwise, as a shapefile's outer ring
            var radius = cell * (0.30 + random.NextDouble() * 0.15);
            ring[i] = new Coordinate(Math.Round(cx + radius * Math.Cos(angle), 7), Math.Round(cy + radius * Math.Sin(angle), 7));
        }

        ring[vertices] = ring[0];
        var polygon = Factory.CreatePolygon(ring);
        long id = (county + 1) * 1_000_000L + index;
        var tract = $"{index / 4000 + 1:0000}00";
        var block = $"{index % 4000 / 4 + 1000:0000}";
        return new(polygon,
        [
            id, State, CountyCode(county), tract, block[..1], block, "", "78701", "", "05301", State, CountyCode(county), tract, block[..1],
            "90000", "", "014", "047", "10", random.Next(10) == 0 ? "P" : "L", "N", (long)(polygon.Area * 1.1e10),
        ]);
    }
}
