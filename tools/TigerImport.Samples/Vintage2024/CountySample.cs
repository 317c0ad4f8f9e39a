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
        CountyRow("35", "013", "00929106", "Doña Ana", County, "238", "29740", 9_860_412_031, 15_603_228, DonaAnaCounty),
        CountyRow("35", "039", "00929108", "Rio Arriba", County, "106", "21580", 15_180_329_470, 123_084_517, RioArribaCounty),
        // U+02BB is outside Latin-1: a loader that forces Latin-1 cannot round-trip this name.
        CountyRow("15", "001", "00365280", "Hawaiʻi", County, "", "25900", 10_433_059_183, 2_740_181_632,
            MultiPolygon(HawaiiIsland, HiloIslet, KonaIslet)),
        CountyRow("72", "011", "01804486", "Añasco", Municipio, "364", "32420", 101_810_254, 64_519_470, AnascoMunicipio),
        CountyRow("72", "097", "01804529", "Mayagüez", Municipio, "364", "32420", 201_176_372, 510_818_950,
            MultiPolygon(MayaguezMainland, Mona, Monito)),
    ]);

    private static TigerFeature CountyRow(
        string stateFp, string countyFp, string countyNs, string name, string lsad, string csaFp, string cbsaFp,
        long landArea, long waterArea, Geometry outline)
    {
        var (latitude, longitude) = InternalPoint(outline);
        var geoId = stateFp + countyFp;
        var nameLsad = name + (lsad == Municipio ? " Municipio" : " County");
        return new(outline,
        [
            stateFp, countyFp, countyNs, geoId, "0500000US" + geoId, name, nameLsad, lsad, "H1", "G4020",
            csaFp, cbsaFp, "", "A", landArea, waterArea, latitude, longitude,
        ]);
    }
}
