using TigerImport.Catalog;
using TigerImport.Samples.Vintage2024;
using TigerImport.Tests.Support;

namespace TigerImport.Tests.Regions;

/// <summary>An HTTP mirror of Census's tree: cartographic boundary files are listed and fetched from GENZ{YYYY}/shp/.</summary>
public sealed class When_cartographic_files_come_from_a_Census_mirror : FaultServerTest
{
    [Fact]
    public async Task The_GENZ_listing_plans_the_file_and_it_is_downloaded_from_there()
    {
        var zip = await File.ReadAllBytesAsync(Path.Combine(RepoPaths.Samples, RegionSampleSet2024.Folder, "cb_2024_us_cd119_500k.zip"), Cancellation);
        Server.Map("GENZ2024/shp/", Responses.Listing("GENZ2024/shp/", ["cb_2024_us_cd119_20m.zip", "cb_2024_us_cd119_500k.zip", "cb_2024_us_county_500k.zip"]));
        Server.Map("GENZ2024/shp/cb_2024_us_cd119_500k.zip", Responses.File(zip));
        using var source = TestSources.Http(Server.BaseUrl, Temp.Path);

        var plan = Assert.Single(await ImportPlanner.PlanAsync(ImportRequest.Parse("2024", "CB_CD_500K", null, null), source.ListAsync, Cancellation));
        using var fetched = await source.FetchAsync(Assert.Single(plan.Files), Cancellation);

        Assert.Equal(zip, await File.ReadAllBytesAsync(fetched.Path, Cancellation));
        Assert.Equal(["/GENZ2024/shp/", "/GENZ2024/shp/cb_2024_us_cd119_500k.zip"], Server.Requests.Select(r => r.Path).Distinct());
    }
}
