using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Esri;
using static TigerImport.Samples.Vintage2024.Nad83Shapes;

namespace TigerImport.Samples.Vintage2024;

/// <summary>tl_2024_35013_edges: roads, a river, a railroad and a boundary in and around Las Cruces (Doña Ana County).</summary>
/// <remarks>
/// Every edge is a single-part line, as in Census files: an edge is one topological primitive between two nodes, so
/// the real EDGES files hold no multi-part lines (none of the 3,260 in the 2020 Perquimans County file does).
/// </remarks>
internal static class EdgesSample
{
    private static readonly EdgeKind Road = new("S", HydroFlag: "N", RailFlag: "N", RoadFlag: "Y", Persistence: "");
    private static readonly EdgeKind Stream = new("H", HydroFlag: "Y", RailFlag: "N", RoadFlag: "N", Persistence: "P");
    private static readonly EdgeKind Railroad = new("R", HydroFlag: "N", RailFlag: "Y", RoadFlag: "N", Persistence: "");
    private static readonly EdgeKind Boundary = new("P", HydroFlag: "N", RailFlag: "N", RoadFlag: "N", Persistence: "");

    public static TigerLayerSample Create() => new("tl_2024_35013_edges", ShapeType.PolyLine, TigerLayouts2024.Edges,
    [
        Edge(142_030_101, 20_115_001, 20_115_002, Road, "S1100", "I- 10", "", "", "",
            Line(-106.8200, 32.2800, -106.7800, 32.2950, -106.7650, 32.3000)),
        Edge(142_030_102, 20_115_002, 20_115_003, Road, "S1100", "I- 10", "", "", "",
            Line(-106.7650, 32.3000, -106.7400, 32.3050, -106.7000, 32.3100)),
        Edge(142_030_103, 20_115_002, 20_115_004, Road, "S1100", "I- 25", "", "", "",
            Line(-106.7650, 32.3000, -106.7600, 32.3400)),
        Edge(142_030_104, 20_115_004, 20_115_005, Road, "S1100", "I- 25", "", "", "",
            Line(-106.7600, 32.3400, -106.7575, 32.3600, -106.7550, 32.3800)),
        Edge(142_030_105, 20_115_006, 20_115_004, Road, "S1200", "US Hwy 70", "", "", "",
            Line(-106.8300, 32.3300, -106.7900, 32.3250, -106.7600, 32.3400)),
        Edge(142_030_106, 20_115_007, 20_115_008, Road, "S1400", "Avenida de Mesilla", "100-198", "101-199", "88005",
            Line(-106.8000, 32.2950, -106.7925, 32.2975, -106.7850, 32.3000)),
        Edge(142_030_107, 20_115_009, 20_115_010, Road, "S1400", "Calle de Niños", "200-298", "201-299", "88001",
            Line(-106.7800, 32.3100, -106.7700, 32.3100)),
        Edge(142_030_108, 20_115_011, 20_115_010, Road, "S1400", "El Paseo Rd", "1000-1098", "1001-1099", "88001",
            Line(-106.7700, 32.2900, -106.7680, 32.3000, -106.7700, 32.3100)),
        Edge(142_030_109, 20_115_009, 20_115_012, Road, "S1400", "N Main St", "100-398", "101-399", "88001",
            Line(-106.7800, 32.3100, -106.7800, 32.3200, -106.7810, 32.3300)),
        Edge(142_030_110, 20_115_013, 20_115_014, Road, "S1400", "Solano Dr", "1500-1698", "1501-1699", "88001",
            Line(-106.7500, 32.3000, -106.7490, 32.3100, -106.7480, 32.3200)),
        Edge(142_030_111, 20_115_015, 20_115_016, Road, "S1400", "Calle Española", "100-148", "101-149", "88001",
            Line(-106.7750, 32.3200, -106.7650, 32.3200)),
        Edge(142_030_112, 20_115_017, 20_115_018, Road, "S1400", "Doña Ana Rd", "5000-5498", "5001-5499", "88007",
            Line(-106.8000, 32.3800, -106.7900, 32.4000, -106.7850, 32.4300)),
        Edge(142_030_113, 20_115_019, 20_115_020, Road, "S1500", "", "", "", "",
            Line(-106.8150, 32.4100, -106.8050, 32.4150)),
        Edge(142_030_114, 20_115_021, 20_115_022, Stream, "H3010", "Rio Grande", "", "", "",
            Line(-106.8400, 32.4000, -106.8300, 32.3500, -106.8250, 32.3000)),
        Edge(142_030_115, 20_115_022, 20_115_023, Stream, "H3010", "Rio Grande", "", "", "",
            Line(-106.8250, 32.3000, -106.8300, 32.2700, -106.8350, 32.2500)),
        Edge(142_030_116, 20_115_024, 20_115_025, Railroad, "R1011", "BNSF Rlwy", "", "", "",
            Line(-106.7900, 32.2600, -106.7850, 32.3000, -106.7880, 32.3500, -106.7950, 32.4000)),
        Edge(142_030_117, 20_115_026, 20_115_027, Boundary, "P0001", "", "", "", "",
            Line(-106.8600, 32.2700, -106.7000, 32.2700)),
    ]);

    /// <param name="leftRange">Left side house numbers "from-to", or empty where the edge carries no addresses.</param>
    private static TigerFeature Edge(
        long tlid, long fromNode, long toNode, EdgeKind kind, string mtfcc, string fullName,
        string leftRange, string rightRange, string zip, LineString line)
    {
        var (leftFrom, leftTo) = SplitRange(leftRange);
        var (rightFrom, rightTo) = SplitRange(rightRange);

        // Face ids are derived from the edge id: plausible 9-digit values, unique per side.
        var leftFace = 209_000_000 + (tlid % 100_000) * 2;
        return new(line,
        [
            "35", "013", tlid, leftFace, leftFace + 1, mtfcc, fullName, "",
            leftFrom, leftTo, rightFrom, rightTo, zip, zip,
            kind.FeatureCategory, kind.HydroFlag, kind.RailFlag, kind.RoadFlag, "N", "", "N", "", "N", "N",
            kind.Persistence, "N", "N", "N", fromNode, toNode,
        ]);
    }

    private static (string From, string To) SplitRange(string range) =>
        range.Split('-') is [var from, var to] ? (from, to) : ("", "");

    // The flags that follow from what an edge is; OLFFLG, EXTTYP, DECKEDROAD, ARTPATH, GCSEFLG and the offsets are N throughout.
    private sealed record EdgeKind(string FeatureCategory, string HydroFlag, string RailFlag, string RoadFlag, string Persistence);
}
