using TigerImport.Catalog;

namespace TigerImport.Tests.Catalog;

/// <summary>
/// Which plan a district file carries comes from the source's listing (and, at load, the file's fields), never from a
/// year table: a new Congress, a special release in its own layout, and a plan offered in two versions.
/// </summary>
public sealed class When_a_source_lists_a_district_plan
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>A listing per folder, recording which folders were listed.</summary>
    private static ListFiles Listing(List<string> listed, IReadOnlyDictionary<string, string[]> folders) => (vintage, _) =>
    {
        listed.Add(vintage.CensusDirectory);
        return Task.FromResult<IReadOnlyCollection<string>?>(folders.TryGetValue(vintage.CensusDirectory, out var names) ? names : null);
    };

    private static ListFiles Listing(string folder, params string[] names) => Listing([], new Dictionary<string, string[]> { [folder] = names });

    private static readonly ListFiles CannotList = (_, _) => Task.FromResult<IReadOnlyCollection<string>?>(null);

    [Fact]
    public async Task A_congress_the_year_table_does_not_know_is_taken_from_the_listing()
    {
        // The 2025 vintage with the 120th Congress's plans: the year table would guess cd119.
        var plan = Assert.Single(await ImportPlanner.PlanAsync(
            ImportRequest.Parse("2025", "CD", "TX,NM", null), Listing("TIGER2025/CD", "tl_2025_48_cd120.zip", "tl_2025_35_cd120.zip"), Cancellation));

        Assert.Equal(["tl_2025_35_cd120.zip", "tl_2025_48_cd120.zip"], plan.Files.Select(f => f.FileName).Order());
        Assert.All(plan.Files, f => Assert.Equal(120, f.Congress));
        Assert.Equal(new DistrictPlan(120, "TIGER2025", null), plan.Files[0].Plan);
        Assert.Equal("cd_2025", plan.Vintage.TableName);
    }

    [Fact]
    public async Task A_missing_state_is_named_with_the_listings_congress()
    {
        var plan = Assert.Single(await ImportPlanner.PlanAsync(
            ImportRequest.Parse("2025", "CD", "TX,NM", null), Listing("TIGER2025/CD", "tl_2025_48_cd120.zip"), Cancellation));

        Assert.Equal("tl_2025_35_cd120.zip (New Mexico)", Assert.Single(plan.Missing));
    }

    [Fact]
    public async Task A_special_release_is_listed_in_its_own_folder_and_loads_into_the_years_table()
    {
        var listed = new List<string>();
        var request = ImportRequest.Parse("2022", "CD,SLDU", "NM", null).WithPlan("TIGER_RD18", null);
        var plans = await ImportPlanner.PlanAsync(request, Listing(listed, new Dictionary<string, string[]>
        {
            ["TIGER_RD18/LAYER/CD"] = ["tl_rd22_35_cd118.zip", "tl_rd22_48_cd118.zip", "readme.zip"],
            ["TIGER_RD18/LAYER/SLDU"] = ["tl_rd22_35_sldu.zip"],
        }), Cancellation);

        Assert.Equal(["TIGER_RD18/LAYER/CD", "TIGER_RD18/LAYER/SLDU"], listed);
        var cd = Assert.Single(plans[0].Files);
        Assert.Equal("TIGER_RD18/LAYER/CD/tl_rd22_35_cd118.zip", cd.CensusPath);
        Assert.Equal(new DistrictPlan(118, "TIGER_RD18", null), cd.Plan);
        Assert.Equal("cd_2022", cd.Vintage.TableName);
        Assert.Equal(["readme.zip"], plans[0].Unrecognized);
        Assert.Equal("TIGER_RD18/LAYER/SLDU/tl_rd22_35_sldu.zip", Assert.Single(plans[1].Files).CensusPath);
        Assert.Equal(new DistrictPlan(null, "TIGER_RD18", null), plans[1].Files[0].Plan);
    }

    [Fact]
    public async Task A_state_offered_in_whole_block_and_split_block_versions_needs_an_explicit_choice_naming_both()
    {
        var listing = Listing("TIGER_RD18/LAYER/CD", "tl_rd22_08_cd118.zip", "tl_rd22_08_cd118_sb.zip", "tl_rd22_35_cd118.zip");
        var request = ImportRequest.Parse("2022", "CD", "CO,NM", null);

        var unchosen = await Assert.ThrowsAsync<TigerImportException>(() => ImportPlanner.PlanAsync(request.WithPlan("TIGER_RD18", null), listing, Cancellation));
        var wrong = await Assert.ThrowsAsync<TigerImportException>(() => ImportPlanner.PlanAsync(request.WithPlan("TIGER_RD18", "wb"), listing, Cancellation));
        var split = Assert.Single(await ImportPlanner.PlanAsync(request.WithPlan("TIGER_RD18", "sb"), listing, Cancellation));
        var whole = Assert.Single(await ImportPlanner.PlanAsync(request.WithPlan("TIGER_RD18", "cd118"), listing, Cancellation));

        Assert.Equal(FailureKind.Usage, unchosen.Kind);
        Assert.Contains("Colorado (08) is offered in 2 versions of CD in TIGER_RD18/LAYER/CD/: tl_rd22_08_cd118.zip, tl_rd22_08_cd118_sb.zip", unchosen.Message);
        Assert.Contains("--plan-version cd118 or --plan-version sb", unchosen.Message);
        Assert.Equal(FailureKind.Usage, wrong.Kind);
        Assert.Contains("--plan-version wb picks none of them", wrong.Message);
        Assert.Equal(["tl_rd22_08_cd118_sb.zip", "tl_rd22_35_cd118.zip"], split.Files.Select(f => f.FileName));
        Assert.Equal(new DistrictPlan(118, "TIGER_RD18", "sb"), split.Files[0].Plan);
        Assert.Equal(["tl_rd22_08_cd118.zip", "tl_rd22_35_cd118.zip"], whole.Files.Select(f => f.FileName));
    }

    [Fact]
    public async Task Two_congresses_plans_in_one_vintage_folder_need_a_choice_too()
    {
        var listing = Listing("TIGER2026/CD", "tl_2026_48_cd119.zip", "tl_2026_48_cd120.zip");
        var request = ImportRequest.Parse("2026", "CD", "TX", null);

        var unchosen = await Assert.ThrowsAsync<TigerImportException>(() => ImportPlanner.PlanAsync(request, listing, Cancellation));
        var chosen = Assert.Single(await ImportPlanner.PlanAsync(request.WithPlan(null, "cd120"), listing, Cancellation));

        Assert.Contains("Texas (48) is offered in 2 versions", unchosen.Message);
        Assert.Equal(120, Assert.Single(chosen.Files).Congress);
    }

    [Fact]
    public async Task A_release_the_source_cannot_list_is_a_source_failure_naming_its_folder()
    {
        var error = await Assert.ThrowsAsync<TigerImportException>(() => ImportPlanner.PlanAsync(
            ImportRequest.Parse("2022", "SLDL", "NM", null).WithPlan("TIGER_RD18", null), CannotList, Cancellation));

        Assert.Equal(FailureKind.Source, error.Kind);
        Assert.Contains("TIGER_RD18/LAYER/SLDL/", error.Message);
    }

    [Theory]
    [InlineData("PLACE", "TIGER_RD18", null, "district plans only")]
    [InlineData("CB_CD_500K", "TIGER_RD18", null, "district plans only")]
    [InlineData("CD", "TIGER2024", null, "A vintage is chosen with --year")]
    [InlineData("CD", "../etc", null, "must name a special release's folder")]
    [InlineData("CD", null, "s b", "letters and digits only")]
    public void A_wrong_release_or_version_is_a_usage_error(string layers, string? release, string? version, string expected)
    {
        var error = Assert.Throws<TigerImportException>(() => ImportRequest.Parse("2022", layers, null, null).WithPlan(release, version));

        Assert.Equal(FailureKind.Usage, error.Kind);
        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData("tl_2024_35_cd119.zip", 119, null)]
    [InlineData("tl_2025_35_cd120.zip", 120, null)]
    [InlineData("tl_2022_08_cd118_sb.zip", 118, "sb")]
    [InlineData("tl_2020_us_cd116.zip", 116, null)]
    [InlineData("cb_2024_us_cd119_500k.zip", 119, null)]
    [InlineData("tl_2024_35_sldu_wb.zip", null, "wb")]
    public void A_file_name_says_its_congress_and_version(string name, int? congress, string? version)
    {
        Assert.True(TigerFileName.TryParse(name, out var file));

        Assert.Equal(congress, file.Congress);
        Assert.Equal(version, file.Version);
        Assert.NotNull(file.Plan);
    }

    [Theory]
    [InlineData(111, "111th")]
    [InlineData(118, "118th")]
    [InlineData(121, "121st")]
    [InlineData(122, "122nd")]
    [InlineData(123, "123rd")]
    public void A_congress_is_named_as_an_ordinal(int congress, string expected) => Assert.Equal(expected, DistrictPlan.Ordinal(congress));
}
