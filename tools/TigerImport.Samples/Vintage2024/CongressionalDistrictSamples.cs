using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Esri;
using static TigerImport.Samples.Vintage2024.Nad83Shapes;
using static TigerImport.Samples.Vintage2024.Outlines2024;

namespace TigerImport.Samples.Vintage2024;

/// <summary>tl_2024_35_cd119 and tl_2024_15_cd119: congressional districts come per state from 2022 on.</summary>
public static class CongressionalDistrictSamples
{
    public static TigerLayerSample NewMexico() => new("tl_2024_35_cd119", ShapeType.Polygon, TigerLayouts2024.CongressionalDistrict119,
    [
        District("35", "01", waterShare: 0.002259,
            Polygon(-107.200, 34.300, -105.300, 34.300, -105.300, 35.500, -107.200, 35.500)),
        // District 2 wraps around district 1 on three sides: a concave outline.
        District("35", "02", waterShare: 0.002327,
            Polygon(-109.050, 31.332, -108.208, 31.333, -108.208, 31.784, -106.528, 31.784, -106.620, 32.001,
                -103.064, 32.001, -103.040, 35.500, -105.300, 35.500, -105.300, 34.300, -107.200, 34.300,
                -107.200, 35.500, -109.046, 35.500)),
        District("35", "03", waterShare: 0.003104,
            Polygon(-109.046, 35.500, -103.040, 35.500, -103.042, 36.500, -103.002, 37.000, -109.045, 37.000)),
    ]);

    public static TigerLayerSample Hawaii() => new("tl_2024_15_cd119", ShapeType.Polygon, TigerLayouts2024.CongressionalDistrict119,
    [
        District("15", "01", waterShare: 0.6834, OahuEast),
        District("15", "02", waterShare: 0.3963, MultiPolygon(HawaiiIsland, Maui, Molokai, OahuWest, Kauai)),
    ]);

    private static TigerFeature District(string stateFp, string districtFp, double waterShare, Geometry outline)
    {
        var (latitude, longitude) = InternalPoint(outline);
        var (land, water) = LandAndWater(outline, waterShare);
        var geoId = stateFp + districtFp;
        var nameLsad = "Congressional District " + int.Parse(districtFp, System.Globalization.CultureInfo.InvariantCulture);
        return new(outline,
        [
            stateFp, districtFp, geoId, "5001900US" + geoId, nameLsad, "C2", "119", "G5200", "N",
            land, water, latitude, longitude,
        ]);
    }
}
