using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Esri;
using static TigerImport.Samples.Vintage2024.Nad83Shapes;

namespace TigerImport.Samples.Vintage2024;

/// <summary>tl_2024_35_sldu: six state senate districts around Las Cruces; district 37 has a null shape record.</summary>
internal static class StateSenateSample
{
    public static TigerLayerSample Create() => new("tl_2024_35_sldu", ShapeType.Polygon, TigerLayouts2024.StateLegislativeUpper,
    [
        District("031", 1_958_204_117, 1_022_310,
            Polygon(-106.900, 32.250, -106.360, 32.250, -106.340, 32.780, -106.900, 32.780)),
        District("035", 2_046_731_880, 388_105,
            Polygon(-107.299, 32.250, -106.900, 32.250, -106.900, 32.780, -107.300, 32.780)),
        District("036", 1_011_942_605, 4_870_221,
            Polygon(-106.900, 31.784, -106.600, 31.784, -106.600, 32.250, -106.900, 32.250)),
        // Deliberate defect: the record is in the .dbf but its shape is a null shape (type 0), as in a damaged file.
        new(null, Row("037", 1_204_559_012, 0, InternalPoint(-106.745, 32.018))),
        District("038", 1_934_086_230, 2_113_904,
            Polygon(-107.297, 31.784, -106.900, 31.784, -106.900, 32.250, -107.299, 32.250)),
        District("039", 1_105_377_458, 916_227,
            Polygon(-106.600, 32.001, -106.378, 32.001, -106.360, 32.250, -106.600, 32.250)),
    ]);

    private static TigerFeature District(string districtFp, long landArea, long waterArea, Geometry outline) =>
        new(outline, Row(districtFp, landArea, waterArea, InternalPoint(outline)));

    private static object?[] Row(string districtFp, long landArea, long waterArea, (string Latitude, string Longitude) internalPoint)
    {
        var geoId = "35" + districtFp;
        var nameLsad = "State Senate District " + districtFp.TrimStart('0');
        return
        [
            "35", districtFp, geoId, "610U600US" + geoId, nameLsad, "LU", "2024", "G5210", "N",
            landArea, waterArea, internalPoint.Latitude, internalPoint.Longitude,
        ];
    }
}
