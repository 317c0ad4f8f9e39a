using TigerImport.Catalog;

namespace TigerImport.Tests.Catalog;

public sealed class ImportPlannerTests
{
    private static ListFiles Listing(params string[] names) => (_, _) => Task.FromResult<IReadOnlyCollection<string>?>(names);

    private static readonly ListFiles CannotList = (_, _) => Task.FromResult<IReadOnlyCollection<string>?>(null);

    [Fact]
    public async Task Nebraska_SLDL_is_reported_as_absent_not_missing()
    {
        var plan = Assert.Single(await ImportPlanner.PlanAsync(ImportRequest.Parse("2024", "SLDL", "NE,IA", null), CannotList, TestContext.Current.CancellationToken));

        Assert.Equal(["tl_2024_19_sldl.zip"], plan.Files.Select(f => f.FileName));
        Assert.Empty(plan.Missing);
        Assert.Contains("unicameral", Assert.Single(plan.Notices));
    }

    [Fact]
    public async Task The_listing_gives_the_congress_number_and_a_missing_state_is_reported()
    {
        var listing = Listing("tl_2024_48_cd119.zip", "tl_2024_06_cd119.zip");
        var plan = Assert.Single(await ImportPlanner.PlanAsync(ImportRequest.Parse("2024", "CD", "TX,NM", null), listing, TestContext.Current.CancellationToken));

        Assert.Equal(["tl_2024_48_cd119.zip"], plan.Files.Select(f => f.FileName));
        Assert.Contains("tl_2024_35_cd119.zip", Assert.Single(plan.Missing));
    }

    [Fact]
    public async Task Without_states_every_state_the_source_holds_is_imported()
    {
        var listing = Listing("tl_2024_35_place.zip", "tl_2024_72_place.zip", "tl_2023_06_place.zip");
        var plan = Assert.Single(await ImportPlanner.PlanAsync(ImportRequest.Parse("2024", "PLACE", null, null), listing, TestContext.Current.CancellationToken));

        Assert.Equal(["35", "72"], plan.Files.Select(f => f.ScopeCode));
        Assert.Empty(plan.Missing);
    }

    [Fact]
    public async Task County_layers_take_every_county_of_the_state_unless_narrowed()
    {
        var listing = Listing("tl_2024_35013_edges.zip", "tl_2024_35001_edges.zip", "tl_2024_06001_edges.zip");

        var all = Assert.Single(await ImportPlanner.PlanAsync(ImportRequest.Parse("2024", "EDGES", "NM", null), listing, TestContext.Current.CancellationToken));
        var one = Assert.Single(await ImportPlanner.PlanAsync(ImportRequest.Parse("2024", "EDGES", null, "35013"), listing, TestContext.Current.CancellationToken));

        Assert.Equal(["35001", "35013"], all.Files.Select(f => f.ScopeCode));
        Assert.Equal(["35013"], one.Files.Select(f => f.ScopeCode));
        Assert.Empty(one.Missing);
        Assert.All(all.Files, f => Assert.Equal("35", f.PartitionKey));
    }

    [Fact]
    public async Task A_state_without_county_files_is_missing_in_words_not_as_a_placeholder_file_name()
    {
        var listing = Listing("tl_2024_35013_edges.zip");

        var plan = Assert.Single(await ImportPlanner.PlanAsync(ImportRequest.Parse("2024", "EDGES", "NM,TX", null), listing, TestContext.Current.CancellationToken));

        Assert.Equal(["EDGES of Texas (48): the source has no county file"], plan.Missing);
    }

    [Fact]
    public async Task A_county_the_listing_lacks_is_a_usage_error_that_lists_the_states_counties()
    {
        var listing = Listing("tl_2024_35013_edges.zip", "tl_2024_35001_edges.zip", "tl_2024_06001_edges.zip");

        var error = await Assert.ThrowsAsync<TigerImportException>(
            () => ImportPlanner.PlanAsync(ImportRequest.Parse("2024", "EDGES", null, "35013,35999"), listing, TestContext.Current.CancellationToken));

        Assert.Equal(FailureKind.Usage, error.Kind);
        Assert.Equal("Unknown county '35999' for EDGES 2024: the source lists 2 county file(s) of New Mexico: 35001, 35013. Fix --counties.", error.Message);
    }

    [Fact]
    public async Task A_county_of_a_state_the_listing_has_no_file_of_is_missing_from_the_source()
    {
        var listing = Listing("tl_2024_35013_edges.zip");

        var plan = Assert.Single(await ImportPlanner.PlanAsync(ImportRequest.Parse("2024", "EDGES", null, "06001"), listing, TestContext.Current.CancellationToken));

        Assert.Empty(plan.Files);
        Assert.Contains("tl_2024_06001_edges.zip", plan.Missing);
    }

    [Fact]
    public async Task A_state_layer_held_only_as_county_files_uses_them()
    {
        var listing = Listing("tl_2010_37063_tract10.zip");
        var plan = Assert.Single(await ImportPlanner.PlanAsync(ImportRequest.Parse("2010", "TRACT", "NC", null), listing, TestContext.Current.CancellationToken));

        Assert.Equal(["tl_2010_37063_tract10.zip"], plan.Files.Select(f => f.FileName));
    }

    [Fact]
    public async Task County_layers_from_a_source_that_cannot_list_need_named_counties()
    {
        var error = await Assert.ThrowsAsync<SourceListingRequiredException>(() => ImportPlanner.PlanAsync(ImportRequest.Parse("2024", "EDGES", "NM", null), CannotList, TestContext.Current.CancellationToken));
        Assert.Equal(FailureKind.Usage, error.Kind);
    }
}
