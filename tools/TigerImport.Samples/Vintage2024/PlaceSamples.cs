using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Esri;
using static TigerImport.Samples.Vintage2024.Nad83Shapes;

namespace TigerImport.Samples.Vintage2024;

/// <summary>
/// tl_2024_35_place and tl_2024_72_place: two states, so re-importing one state can be tested. New Mexico's file holds
/// the deliberate self-intersecting polygon and a polygon with a hole; Puerto Rico's file is clean.
/// </summary>
public static class PlaceSamples
{
    private static readonly PlaceKind City = new("25", "C1", "G4110", "A", " city");
    private static readonly PlaceKind Town = new("43", "C1", "G4110", "A", " town");
    private static readonly PlaceKind CensusDesignatedPlace = new("57", "U1", "G4210", "S", " CDP");
    private static readonly PlaceKind ZonaUrbana = new("62", "U1", "G4210", "S", " zona urbana");
    private static readonly PlaceKind Comunidad = new("63", "U1", "G4210", "S", " comunidad");

    public static TigerLayerSample NewMexico() => new("tl_2024_35_place", ShapeType.Polygon, TigerLayouts2024.Place,
    [
        // A valid polygon with a hole (an unincorporated enclave): a loader must keep the hole.
        Place("35", "39380", "02410730", "Las Cruces", City, principalCity: true, waterShare: 0.005532,
            PolygonWithHoles(
                Ring(-106.860, 32.270, -106.700, 32.270, -106.680, 32.360, -106.760, 32.410, -106.860, 32.380),
                Ring(-106.800, 32.310, -106.770, 32.310, -106.770, 32.330, -106.800, 32.330))),
        // Deliberate defect: a "bowtie" whose ring crosses itself at (-106.815, 32.250); a validator must repair it.
        Place("35", "47950", "02412965", "Mesilla", Town, principalCity: false, waterShare: 0.0007162,
            Polygon(-106.830, 32.240, -106.800, 32.260, -106.830, 32.260, -106.800, 32.240)),
        Place("35", "21870", "02408700", "Doña Ana", CensusDesignatedPlace, principalCity: false, waterShare: 0,
            Polygon(-106.845, 32.420, -106.790, 32.418, -106.785, 32.452, -106.820, 32.460, -106.848, 32.445)),
        Place("35", "14270", "02408601", "Chaparral", CensusDesignatedPlace, principalCity: false, waterShare: 0,
            Polygon(-106.430, 31.960, -106.370, 31.960, -106.360, 32.010, -106.420, 32.020)),
        Place("35", "70670", "02409306", "Santa Teresa", CensusDesignatedPlace, principalCity: false, waterShare: 0,
            Polygon(-106.720, 31.850, -106.640, 31.840, -106.630, 31.890, -106.700, 31.900)),
        Place("35", "25170", "02410428", "Española", City, principalCity: true, waterShare: 0.01519,
            Polygon(-106.110, 35.970, -106.050, 35.970, -106.040, 36.020, -106.080, 36.040, -106.120, 36.010)),
    ]);

    public static TigerLayerSample PuertoRico() => new("tl_2024_72_place", ShapeType.Polygon, TigerLayouts2024.Place,
    [
        Place("72", "02350", "02415031", "Añasco", ZonaUrbana, principalCity: false, waterShare: 0,
            Polygon(-67.150, 18.275, -67.135, 18.276, -67.132, 18.290, -67.148, 18.292)),
        Place("72", "52431", "02415270", "Mayagüez", ZonaUrbana, principalCity: true, waterShare: 0.003035,
            Polygon(-67.165, 18.190, -67.125, 18.188, -67.118, 18.220, -67.150, 18.228, -67.168, 18.210)),
        Place("72", "60210", "02415312", "Piñales", Comunidad, principalCity: false, waterShare: 0,
            Polygon(-67.110, 18.270, -67.098, 18.270, -67.097, 18.280, -67.108, 18.281)),
        Place("72", "59113", "02415305", "Ovejas", Comunidad, principalCity: false, waterShare: 0,
            Polygon(-67.090, 18.300, -67.078, 18.299, -67.076, 18.309, -67.088, 18.311)),
    ]);

    private static TigerFeature Place(
        string stateFp, string placeFp, string placeNs, string name, PlaceKind kind, bool principalCity,
        double waterShare, Geometry outline)
    {
        var (latitude, longitude) = InternalPoint(outline);
        var (land, water) = LandAndWater(outline, waterShare);
        var geoId = stateFp + placeFp;
        return new(outline,
        [
            stateFp, placeFp, placeNs, geoId, "1600000US" + geoId, name, name + kind.NameSuffix, kind.Lsad,
            kind.ClassFp, principalCity ? "Y" : "N", kind.Mtfcc, kind.FuncStat, land, water, latitude, longitude,
        ]);
    }

    // The codes that go together for each kind of place (legal/statistical area description, class, feature class, status).
    private sealed record PlaceKind(string Lsad, string ClassFp, string Mtfcc, string FuncStat, string NameSuffix);
}
