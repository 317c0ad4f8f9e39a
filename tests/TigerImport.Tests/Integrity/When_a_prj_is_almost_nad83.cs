using TigerImport.Tests.Support;

namespace TigerImport.Tests.Integrity;

/// <summary>
/// A .prj that names NAD83 (or WGS 84) but is not it — another spheroid, another prime meridian — moves every
/// coordinate; it is refused (exit 4) naming the file and what differs, with the published table unchanged.
/// </summary>
[Collection(PostgisCollection.Name)]
public sealed class When_a_prj_is_almost_nad83(PostgisServer postgis)
{
    private const string Place = "tl_2024_35_place.zip";

    [Theory]
    [InlineData("paris", "GEOGCS[\"GCS_North_American_1983\",DATUM[\"D_North_American_1983\",SPHEROID[\"GRS_1980\",6378137,298.257222101]],PRIMEM[\"Paris\",2.33722917],UNIT[\"Degree\",0.017453292519943295]]", "with the prime meridian Paris (2.33722917° from Greenwich), not Greenwich")]
    [InlineData("clarke", "GEOGCS[\"GCS_North_American_1983\",DATUM[\"D_North_American_1983\",SPHEROID[\"Clarke_1866\",6378206.4,294.9786982]],PRIMEM[\"Greenwich\",0],UNIT[\"Degree\",0.017453292519943295]]", "on the spheroid Clarke_1866 (semi-major axis 6378206.4 m, inverse flattening 294.9786982), not GRS 1980")]
    [InlineData("wgs_grs", "GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\",SPHEROID[\"WGS_1984\",6378137,298.257222101]],PRIMEM[\"Greenwich\",0],UNIT[\"Degree\",0.017453292519943295]]", "inverse flattening 298.257222101), not WGS 84")]
    public async Task A_prj_named_nad83_on_another_earth_model_is_refused_naming_it(string name, string wkt, string named)
    {
        var run = await IntegrityCli.ReimportDamagedAsync(postgis, $"prj_{name}", Place, "PLACE", zip => zip.Replace(".prj", System.Text.Encoding.ASCII.GetBytes(wkt)));

        IntegrityCli.AssertDataError(run, Place, named, "not NAD83 (GRS 1980, Greenwich) or WGS 84 (WGS 84, Greenwich)");
    }

    [Fact]
    public async Task The_esri_and_epsg_spellings_of_nad83_and_wgs84_still_load()
    {
        foreach (var wkt in new[]
        {
            "GEOGCS[\"GCS_North_American_1983\",DATUM[\"D_North_American_1983\",SPHEROID[\"GRS_1980\",6378137,298.257222101]],PRIMEM[\"Greenwich\",0],UNIT[\"Degree\",0.017453292519943295]]",
            "GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563,AUTHORITY[\"EPSG\",\"7030\"]],AUTHORITY[\"EPSG\",\"6326\"]],PRIMEM[\"Greenwich\",0,AUTHORITY[\"EPSG\",\"8901\"]],UNIT[\"degree\",0.0174532925199433,AUTHORITY[\"EPSG\",\"9122\"]],AUTHORITY[\"EPSG\",\"4326\"]]",
        })
        {
            var (exitCode, output) = await IntegrityCli.ImportDamagedAsync(postgis, "prj_ok", Place, "PLACE", zip => zip.Replace(".prj", System.Text.Encoding.ASCII.GetBytes(wkt)), "--force");
            Assert.True(exitCode == 0, output);
        }
    }
}
