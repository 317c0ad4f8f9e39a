using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Esri;
using static TigerImport.Samples.Vintage2024.Nad83Shapes;

namespace TigerImport.Samples.Vintage2024;

/// <summary>tl_2024_35_sldu: six state senate districts around Las Cruces; district 37 has a null shape record.</summary>
internal static class StateSenateSample
{
    public static TigerLayerSample Create() => new("tl_2024_35_sldu", ShapeType.Polygon, TigerLayouts2024.StateLegislativeUpper,
    [
        District("031", waterShare: 0.0005218,
            Polygon(-106.900, 32.250, -106.360, 32.250, -106.340, 32.780, -106.900, 32.780)),
        District("035", waterShare: 0.0001896,
            Polygon(-107.299, 32.250, -106.900, 32.250, -106.900, 32.780, -107.300, 32.780)),
        District("036", waterShare: 0.00479,
            Polygon(-106.900, 31.784, -106.600, 31.784, -106.600, 32.250, -106.900, 32.250)),
        // Deliberate defect: the record is in the .dbf but its shape is a null shape (type 0), as in a damaged file.
        new(null, Row("037", (1_204_559_012, 0), InternalPoint(-106.745, 32.018))),
        District("038", waterShare: 0.001092,
            Polygon(-107.297, 31.784, -106.900, 31.784, -106.900, 32.250, -107.299, 32.250)),
        District("039", waterShare: 0.0008282,
            Polygon(-106.600, 32.001, -106.378, 32.001, -106.360, 32.250, -106.600, 32.250)),
    ]);

    private static TigerFeature District(string districtFp, double waterShare, Geometry outline) =>
        new(outline, Row(districtFp, LandAndWater(outline, waterShare), InternalPoint(outline)));

    private static object?[] Row(string districtFp, (long Land, long Water) area, (string Latitude, string Longitude) internalPoint)
    {
        var geoId = "35" + districtFp;
        var nameLsad = "State Senate District " + districtFp.TrimStart('0');
        return
        [
            "35", districtFp, geoId, "610U600US" + geoId, nameLsad, "LU", "2024", "G5210", "N",
            area.Land, area.Water, internalPoint.Latitude, internalPoint.Longitude,
        ];
    }
}
