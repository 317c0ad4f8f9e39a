using TigerImport.Tests.Support;

namespace TigerImport.Tests.Integrity;

/// <summary>
/// A .prj that names NAD83 (or WGS 84) but is not it — another spheroid, another prime meridian — moves every
/// coordinate, as does a datum shift (a non-zero TOWGS84) the importer would not apply, or a second WKT after the first
/// that the reader would ignore; each is refused (exit 4) naming the file and what differs, with the published table
/// unchanged. The real .prj of every Census zip in ../shared still reads.
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

    private const string Nad83 = "GEOGCS[\"GCS_North_American_1983\",DATUM[\"D_North_American_1983\",SPHEROID[\"GRS_1980\",6378137,298.257222101]],PRIMEM[\"Greenwich\",0],UNIT[\"Degree\",0.017453292519943295]]";

    private static string Nad83With(string toWgs84) => Nad83.Replace("298.257222101]]", $"298.257222101],{toWgs84}]", StringComparison.Ordinal);

    [Fact]
    public async Task A_nad83_prj_with_a_datum_shift_is_refused_naming_it()
    {
        var run = await IntegrityCli.ReimportDamagedAsync(postgis, "prj_towgs84", Place, "PLACE", zip => zip.Replace(".prj", System.Text.Encoding.ASCII.GetBytes(Nad83With("TOWGS84[-8,160,176,0,0,0,0]"))));

        IntegrityCli.AssertDataError(run, Place, "whose datum carries a non-zero TOWGS84[-8, 160, 176, 0, 0, 0, 0]", "Census writes none");
    }

    [Theory]
    [InlineData("prj_second", "\r\n")]
    [InlineData("prj_glued", "")]
    public async Task A_prj_with_a_second_wkt_after_its_first_is_refused_as_unreadable(string schema, string between)
    {
        var run = await IntegrityCli.ReimportDamagedAsync(postgis, schema, Place, "PLACE", zip => zip.Replace(".prj", System.Text.Encoding.ASCII.GetBytes(Nad83 + between + Nad83.Replace("1983", "1927", StringComparison.Ordinal))));

        IntegrityCli.AssertDataError(run, Place, "has an unreadable .prj: text after its one WKT ('GEOGCS[\"GCS_North_American_1927\"");
    }

    [Fact]
    public async Task A_zero_datum_shift_and_trailing_whitespace_or_nuls_still_load()
    {
        var (exitCode, output) = await IntegrityCli.ImportDamagedAsync(postgis, "prj_zero", Place, "PLACE", zip => zip.Replace(".prj", System.Text.Encoding.ASCII.GetBytes(Nad83With("TOWGS84[0,0,0,0,0,0,0]") + " \r\n\0\0")));

        Assert.True(exitCode == 0, output);
    }

    [Fact]
    public void The_real_prj_of_every_shared_census_zip_still_reads()
    {
        var zips = Directory.EnumerateFiles(RepoPaths.SharedTiger, "*.zip", SearchOption.AllDirectories).ToList();
        Assert.NotEmpty(zips);
        foreach (var path in zips)
        {
            using var zip = System.IO.Compression.ZipFile.OpenRead(path);
            var prj = zip.Entries.Single(e => e.Name.EndsWith(".prj", StringComparison.OrdinalIgnoreCase));
            using var reader = new StreamReader(prj.Open());
            var system = TigerImport.Geometry.SpatialReferences.ParseProjection(reader.ReadToEnd(), Path.GetFileName(path));
            Assert.True(TigerImport.Geometry.SpatialReferences.IsNad83OrWgs84Geographic(system), path);
        }
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
