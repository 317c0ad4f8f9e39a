using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Esri;
using static TigerImport.Samples.Vintage2024.Nad83Shapes;
using static TigerImport.Samples.Vintage2024.Outlines2024;

namespace TigerImport.Samples.Vintage2024;

/// <summary>tl_2024_us_county: five counties and municipios in three states, with ñ, ü and the ʻokina (U+02BB) in names.</summary>
internal static class CountySample
{
    private const string County = "06";
    private const string Municipio = "13";

    public static TigerLayerSample Create() => new("tl_2024_us_county", ShapeType.Polygon, TigerLayouts2024.County,
    [
        CountyRow("35", "013", "00929106", "Doña Ana", County, "238", "29740", waterShare: 0.00158, DonaAnaCounty),
        CountyRow("35", "039", "00929108", "Rio Arriba", County, "106", "21580", waterShare: 0.008043, RioArribaCounty),
        // U+02BB is outside Latin-1: a loader that forces Latin-1 cannot round-trip this name.
        CountyRow("15", "001", "00365280", "Hawaiʻi", County, "", "25900", waterShare: 0.208,
            MultiPolygon(HawaiiIsland, HiloIslet, KonaIslet)),
        CountyRow("72", "011", "01804486", "Añasco", Municipio, "364", "32420", waterShare: 0.3879, AnascoMunicipio),
        CountyRow("72", "097", "01804529", "Mayagüez", Municipio, "364", "32420", waterShare: 0.7174,
            MultiPolygon(MayaguezMainland, Mona, Monito)),
    ]);

    private static TigerFeature CountyRow(
        string stateFp, string countyFp, string countyNs, string name, string lsad, string csaFp, string cbsaFp,
        double waterShare, Geometry outline)
    {
        var (latitude, longitude) = InternalPoint(outline);
        var (land, water) = LandAndWater(outline, waterShare);
        var geoId = stateFp + countyFp;
        var nameLsad = name + (lsad == Municipio ? " Municipio" : " County");
        return new(outline,
        [
            stateFp, countyFp, countyNs, geoId, "0500000US" + geoId, name, nameLsad, lsad, "H1", "G4020",
            csaFp, cbsaFp, "", "A", land, water, latitude, longitude,
        ]);
    }
}
