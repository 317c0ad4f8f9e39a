using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Esri;
using NetTopologySuite.Precision;
using static TigerImport.Samples.Vintage2024.Nad83Shapes;
using static TigerImport.Samples.Vintage2024.Outlines2024;

namespace TigerImport.Samples.Vintage2024;

/// <summary>
/// samples/regions/: what the app's region sync needs beside samples/ (which has STATE, COUNTY, CD and New Mexico's
/// SLDU): Hawaii's SLDU with island parts, both states' SLDL (New Mexico's house district 52 is concave), and a
/// cartographic boundary CD file. Kept apart so the layer counts of samples/ do not change.
/// </summary>
public static class RegionSampleSet2024
{
    /// <summary>The folder below samples/.</summary>
    public const string Folder = "regions";

    public static IReadOnlyList<TigerLayerSample> All { get; } =
    [
        new("tl_2024_15_sldu", ShapeType.Polygon, TigerLayouts2024.StateLegislativeUpper,
        [
            Legislative("15", "001", "State Senate District 1", MultiPolygon(HawaiiIsland, HiloIslet, KonaIslet)),
            Legislative("15", "002", "State Senate District 2", MultiPolygon(Maui, Molokai)),
            Legislative("15", "003", "State Senate District 3", Oahu),
            Legislative("15", "004", "State Senate District 4", Kauai),
        ]),
        new("tl_2024_15_sldl", ShapeType.Polygon, TigerLayouts2024.StateLegislativeLower,
        [
            Legislative("15", "001", "State House District 1", MultiPolygon(HawaiiIsland, HiloIslet, KonaIslet)),
            Legislative("15", "002", "State House District 2", MultiPolygon(Maui, Molokai, Oahu, Kauai)),
        ]),
        new("tl_2024_35_sldl", ShapeType.Polygon, TigerLayouts2024.StateLegislativeLower,
        [
            // District 52 is a U open to the north around district 53: a concave outline.
            Legislative("35", "052", "State House District 52",
                Polygon(-107.300, 31.784, -106.340, 31.784, -106.340, 32.780, -106.600, 32.780, -106.600, 32.250,
                    -106.900, 32.250, -106.900, 32.780, -107.300, 32.780)),
            Legislative("35", "053", "State House District 53", Polygon(-106.900, 32.250, -106.600, 32.250, -106.600, 32.780, -106.900, 32.780)),
        ]),
        CartographicDistricts(),
    ];

    private static TigerFeature Legislative(string stateFp, string districtFp, string nameLsad, Geometry outline)
    {
        var (latitude, longitude) = InternalPoint(outline);
        var (land, water) = LandAndWater(outline, waterShare: 0);
        var geoId = stateFp + districtFp;
        var upper = nameLsad.StartsWith("State Senate", StringComparison.Ordinal);
        return new(outline,
        [
            stateFp, districtFp, geoId, (upper ? "610U600US" : "620L600US") + geoId, nameLsad, upper ? "LU" : "LL", "2024",
            upper ? "G5210" : "G5220", "N", land, water, latitude, longitude,
        ]);
    }

    /// <summary>cb_2024_us_cd119_500k: the sample districts generalised to 0.01° (about 1 km), so they differ from TIGER/Line's.</summary>
    private static TigerLayerSample CartographicDistricts()
    {
        var tiger = new[] { CongressionalDistrictSamples.NewMexico(), CongressionalDistrictSamples.Hawaii() }.SelectMany(s => s.Features);
        var reducer = new PrecisionModel(100);
        return new("cb_2024_us_cd119_500k", ShapeType.Polygon, CartographicLayouts2024.CongressionalDistrict119,
        [
            .. tiger.Select(f =>
            {
                var stateFp = (string)f.Values[0]!;
                var (usps, name) = stateFp == "35" ? ("NM", "New Mexico") : ("HI", "Hawaii");
                return new TigerFeature(
                    GeometryPrecisionReducer.Reduce(f.Geometry!, reducer),
                    [stateFp, f.Values[1], "5001900US" + f.Values[2], f.Values[2], f.Values[4], usps, name, "C2", "119", f.Values[9], f.Values[10]]);
            }),
        ]);
    }
}
