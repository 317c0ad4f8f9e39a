using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Esri;
using static TigerImport.Samples.Vintage2024.Nad83Shapes;

namespace TigerImport.Samples.Vintage2024;

/// <summary>tl_2024_us_zcta520: six ZCTAs in three states; 00610 and 00680 keep their leading zeros only as text.</summary>
internal static class ZctaSample
{
    public static TigerLayerSample Create() => new("tl_2024_us_zcta520", ShapeType.Polygon, TigerLayouts2024.Zcta520,
    [
        Zcta("00610", waterShare: 0.01251, Polygon(-67.225, 18.330, -67.120, 18.350, -67.060, 18.300, -67.100, 18.250, -67.190, 18.265)),
        Zcta("00680", waterShare: 0.1387, Polygon(-67.200, 18.240, -67.110, 18.230, -67.100, 18.160, -67.180, 18.150)),
        Zcta("87532", waterShare: 0.005202, Polygon(-106.250, 35.930, -105.950, 35.930, -105.900, 36.120, -106.180, 36.160)),
        Zcta("88001", waterShare: 0.001967, Polygon(-106.810, 32.270, -106.740, 32.270, -106.735, 32.330, -106.800, 32.335)),
        Zcta("88005", waterShare: 0.01183, Polygon(-106.900, 32.240, -106.810, 32.240, -106.800, 32.335, -106.880, 32.330)),
        Zcta("96720", waterShare: 0.007882, Polygon(-155.250, 19.520, -154.980, 19.560, -155.030, 19.770, -155.200, 19.800)),
    ]);

    private static TigerFeature Zcta(string zcta, double waterShare, Geometry outline)
    {
        var (latitude, longitude) = InternalPoint(outline);
        var (land, water) = LandAndWater(outline, waterShare);
        return new(outline, [zcta, zcta, "860Z200US" + zcta, "B5", "G6350", "S", land, water, latitude, longitude]);
    }
}
