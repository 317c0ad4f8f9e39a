namespace TigerImport.Samples;

/// <summary>The .prj text Census ships with every TIGER/Line shapefile.</summary>
public static class CensusProjection
{
    /// <summary>
    /// NAD83 geographic (EPSG:4269) in Esri WKT, byte for byte as in Census zips: 165 ASCII bytes, no line break.
    /// </summary>
    public const string Nad83 =
        "GEOGCS[\"GCS_North_American_1983\",DATUM[\"D_North_American_1983\",SPHEROID[\"GRS_1980\",6378137,298.257222101]],"
        + "PRIMEM[\"Greenwich\",0],UNIT[\"Degree\",0.017453292519943295]]";
}
