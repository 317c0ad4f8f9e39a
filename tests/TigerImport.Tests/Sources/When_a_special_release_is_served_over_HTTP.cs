using TigerImport.Catalog;
using TigerImport.Sources;
using TigerImport.Tests.Support;

namespace TigerImport.Tests.Sources;

/// <summary>
/// A special release in Census's own layout over HTTP (<c>TIGER_RD18/LAYER/CD/</c>, Apache index, <c>tl_rd22_…</c>
/// names): planned from that folder's listing and fetched from it, the other names in the folder reported.
/// </summary>
public sealed class When_a_special_release_is_served_over_HTTP : FaultServerTest
{
    [Fact]
    public async Task Its_folder_is_listed_and_its_files_are_fetched_from_there()
    {
        var bytes = await File.ReadAllBytesAsync(Path.Combine(RepoPaths.Samples, "tl_2024_35_cd119.zip"), Cancellation);
        Server.Map("TIGER_RD18/LAYER/CD/", Responses.Listing("TIGER_RD18/LAYER/CD/", ["tl_rd22_35_cd118.zip", "tl_rd22_08_cd118.zip", "tl_rd22_08_cd118_sb.zip", "tl_2022_35_cd118.zip"]));
        Server.Map("TIGER_RD18/LAYER/CD/tl_rd22_08_cd118_sb.zip", Responses.File(bytes));

        using var source = TestSources.Http(Server.BaseUrl, Temp.Path, maxDownloads: 1);
        var request = ImportRequest.Parse("2022", "CD", "CO", null).WithPlan("TIGER_RD18", "sb");
        var plan = Assert.Single(await ImportPlanner.PlanAsync(request, source.ListAsync, Cancellation));
        var file = Assert.Single(plan.Files);
        await using var fetcher = PrefetchingFetcher.Start(source, plan.Files, PrefetchingFetcher.DefaultDepth, Cancellation);
        using var fetched = await fetcher.NextAsync(file, Cancellation);

        Assert.Equal("tl_rd22_08_cd118_sb.zip", file.FileName);
        Assert.Equal(new DistrictPlan(118, "TIGER_RD18", "sb"), file.Plan);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(fetched.Path, Cancellation));
        Assert.Empty(plan.Unrecognized);
        Assert.Contains(Server.Requests, r => r.Path.EndsWith("/TIGER_RD18/LAYER/CD/tl_rd22_08_cd118_sb.zip", StringComparison.Ordinal));
    }
}
