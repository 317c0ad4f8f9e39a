using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Esri;
using static TigerImport.Samples.Vintage2024.Nad83Shapes;
using static TigerImport.Samples.Vintage2024.Outlines2024;

namespace TigerImport.Samples.Vintage2024;

/// <summary>tl_2024_us_state: three states; Hawaii and Puerto Rico are multi-part.</summary>
internal static class StateSample
{
    public static TigerLayerSample Create() => new("tl_2024_us_state", ShapeType.Polygon, TigerLayouts2024.State,
    [
        State("4", "8", "35", "00897535", "NM", "New Mexico", waterShare: 0.002403, NewMexico),
        // Census spells the state "Hawaii"; the ʻokina appears in the county sample.
        State("4", "9", "15", "01779782", "HI", "Hawaii", waterShare: 0.4145,
            MultiPolygon(HawaiiIsland, Maui, Molokai, Oahu, Kauai)),
        State("9", "0", "72", "01779808", "PR", "Puerto Rico", waterShare: 0.3569,
            MultiPolygon(PuertoRicoMainIsland, Vieques, Mona, Monito)),
    ]);

    private static TigerFeature State(
        string region, string division, string stateFp, string stateNs, string postalCode, string name,
        double waterShare, Geometry outline)
    {
        var (latitude, longitude) = InternalPoint(outline);
        var (land, water) = LandAndWater(outline, waterShare);
        return new(outline,
        [
            region, division, stateFp, stateNs, stateFp, "0400000US" + stateFp, postalCode, name,
            "00", "G4000", "A", land, water, latitude, longitude,
        ]);
    }
}
