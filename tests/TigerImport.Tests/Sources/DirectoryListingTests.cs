using TigerImport.Archive;
using TigerImport.Catalog;
using TigerImport.Sources;
using TigerImport.Sources.Http;
using TigerImport.Tests.Support;

namespace TigerImport.Tests.Sources;

/// <summary>File names from Census's directory pages, and the planner's fallback when a folder cannot be listed.</summary>
public sealed class DirectoryListingTests : FaultServerTest
{
    [Fact]
    public void Reads_zip_names_from_an_Apache_index_and_ignores_sorting_parent_and_other_links()
    {
        var html = Responses.ApacheIndex("TIGER2024/CD/", ["tl_2024_01_cd119.zip", "tl_2024_48_cd119.zip"])
            + """<a href="/geo/tiger/TIGER2024/CD/tl_2024_72_cd119.zip">abs</a> <a href='tl_2024_15_cd119.zip?download=1'>q</a> <a href="2023/">sub</a> <a href="readme.txt">t</a>""";

        var names = DirectoryListing.ZipNames(html);

        Assert.Equal(["tl_2024_01_cd119.zip", "tl_2024_48_cd119.zip", "tl_2024_72_cd119.zip"], names);
    }

    [Fact]
    public async Task The_planner_finds_CD_files_per_state_with_their_congress_number_and_they_download_intact()
    {
        string[] held = ["tl_2024_15_cd119.zip", "tl_2024_35_cd119.zip", "tl_2024_48_cd119.zip"];
        Server.Map("TIGER2024/CD/", Responses.Listing("TIGER2024/CD/", held));
        foreach (var name in held[..2])
        {
            Server.Map($"TIGER2024/CD/{name}", Responses.File(await File.ReadAllBytesAsync(Path.Combine(RepoPaths.Samples, name), Cancellation)));
        }

        using var source = TestSources.Http(Server.BaseUrl, Temp.Path);
        var request = new ImportRequest(2024, [TestSources.Layer("CD")], [UsStates.ByFips("35"), UsStates.ByFips("15")]);

        var plan = Assert.Single(await ImportPlanner.PlanAsync(request, source.ListAsync, Cancellation));

        Assert.Equal(["tl_2024_35_cd119.zip", "tl_2024_15_cd119.zip"], plan.Files.Select(f => f.FileName));
        Assert.Empty(plan.Missing);
        await using var fetcher = PrefetchingFetcher.Start(source, plan.Files, PrefetchingFetcher.DefaultDepth, Cancellation);
        foreach (var file in plan.Files)
        {
            using var fetched = await fetcher.NextAsync(file, Cancellation);
            using var archive = TigerArchive.Open(fetched.Path, file.FileName, TestContext.Current.CancellationToken);
            Assert.NotNull(archive.ProjectionText);
        }
    }

    [Fact]
    public async Task A_folder_that_is_not_there_cannot_be_listed_and_the_catalog_names_the_files()
    {
        using var source = TestSources.Http(Server.BaseUrl, Temp.Path);
        var vintage = TestSources.Layer("PLACE").InYear(2024);

        Assert.Null(await source.ListAsync(vintage, Cancellation));

        var plan = Assert.Single(await ImportPlanner.PlanAsync(new ImportRequest(2024, [vintage.Layer], [UsStates.ByFips("35")]), source.ListAsync, Cancellation));
        Assert.Equal("tl_2024_35_place.zip", Assert.Single(plan.Files).FileName);
    }

    [Fact]
    public async Task A_listing_that_is_a_blocked_page_is_a_Source_error()
    {
        Server.Map("TIGER2024/CD/", Responses.Html(200, "<html><body>Sorry, you have been blocked</body></html>"));
        using var source = TestSources.Http(Server.BaseUrl, Temp.Path);

        var error = await Assert.ThrowsAsync<TigerImportException>(() => source.ListAsync(TestSources.Layer("CD").InYear(2024), Cancellation));

        Assert.Equal(FailureKind.Source, error.Kind);
        Assert.Contains("Census may be blocking this address", error.Message);
    }

    [Fact]
    public async Task A_listing_answered_503_then_200_is_retried()
    {
        Server.Map("TIGER2024/CD/", Responses.Status(503), Responses.Listing("TIGER2024/CD/", ["tl_2024_35_cd119.zip"]));
        using var source = TestSources.Http(Server.BaseUrl, Temp.Path);

        var names = await source.ListAsync(TestSources.Layer("CD").InYear(2024), Cancellation);

        Assert.Equal(["tl_2024_35_cd119.zip"], names);
        Assert.Equal(2, Server.Requests.Count);
    }
}
