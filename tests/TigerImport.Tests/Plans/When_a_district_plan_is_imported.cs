using System.Globalization;
using System.Text.Json;
using TigerImport.Samples;
using TigerImport.Samples.Vintage2024;
using TigerImport.Tests.Support;

namespace TigerImport.Tests.Plans;

/// <summary>
/// District files as new plans arrive, through the real process and PostGIS: a Congress the year table does not know,
/// a special release in its own layout with a state offered in whole-block and split-block versions, and files whose
/// name and fields disagree on the congress. Each published partition's plan is shown by status and the summary.
/// </summary>
[Collection(PostgisCollection.Name)]
public sealed class When_a_district_plan_is_imported(PostgisServer postgis)
{
    private const string Release = "TIGER_RD18/LAYER/CD";

    [Fact]
    public async Task A_new_congress_in_a_vintage_is_imported_without_a_code_change_and_its_plan_is_shown()
    {
        using var folder = new TempFolder();
        folder.Write(NewMexico(120, "tl_2025_35_cd120"));

        var import = await CliProcess.RunAsync(postgis.Url, "import", "--source", folder.Path, "--year", "2025", "--layers", "CD", "--schema", "plan120");
        var (_, status) = await CliProcess.RunAsync(postgis.Url, "status", "--schema", "plan120");
        var plan = PlanOf(await StatusJsonAsync("plan120"), "35");

        Assert.True(import.ExitCode == 0, import.Output);
        Assert.Contains("CD 2025 plans published: 120th Congress, TIGER2025, ", import.Output);
        Assert.Contains("partition 35 holds the plan 120th Congress, TIGER2025", import.Output);
        Assert.Contains("120th Congress, TIGER2025, ", status);
        Assert.Equal(120, plan.GetProperty("congress").GetInt32());
        Assert.Equal("TIGER2025", plan.GetProperty("release").GetString());
        Assert.Equal(JsonValueKind.Null, plan.GetProperty("version").ValueKind);
        Assert.True(DateOnly.TryParse(plan.GetProperty("date").GetString(), CultureInfo.InvariantCulture, out _));
        await using var db = postgis.CreateDataSource();
        Assert.Equal(3L, await TestImport.ScalarAsync<long>(db, "SELECT count(DISTINCT cd120fp) FROM plan120.cd_2025"));
    }

    [Fact]
    public async Task A_special_release_with_two_versions_of_a_plan_needs_the_operators_choice_and_records_it()
    {
        using var folder = new TempFolder();
        WriteIn(folder, Release, NewMexico(118, "tl_rd22_35_cd118"));
        WriteIn(folder, Release, NewMexico(118, "tl_rd22_35_cd118_sb"));
        string[] import = ["import", "--source", folder.Path, "--year", "2022", "--layers", "CD", "--states", "NM", "--release", "TIGER_RD18", "--schema", "rd18"];

        var unchosen = await CliProcess.RunAsync(postgis.Url, import);
        var chosen = await CliProcess.RunAsync(postgis.Url, [.. import, "--plan-version", "sb"]);
        var (_, status) = await CliProcess.RunAsync(postgis.Url, "status", "--schema", "rd18");
        var plan = PlanOf(await StatusJsonAsync("rd18"), "35");

        Assert.True(unchosen.ExitCode == 2, unchosen.Output);
        Assert.Contains("New Mexico (35) is offered in 2 versions of CD in TIGER_RD18/LAYER/CD/: tl_rd22_35_cd118.zip, tl_rd22_35_cd118_sb.zip", unchosen.Output);
        Assert.Contains("--plan-version cd118 or --plan-version sb", unchosen.Output);
        Assert.True(chosen.ExitCode == 0, chosen.Output);
        Assert.Contains("118th Congress, TIGER_RD18, version sb", chosen.Output);
        Assert.Contains("schema rd18:", status);
        Assert.Contains("cd_2022 ", status);
        Assert.Contains("118th Congress, TIGER_RD18, version sb", status);
        Assert.Equal((118, "TIGER_RD18", "sb"), (plan.GetProperty("congress").GetInt32(), plan.GetProperty("release").GetString(), plan.GetProperty("version").GetString()));
    }

    [Theory]
    [InlineData(119, null, "its name says the 120th Congress, but it has CD119FP and no CD120FP")]
    [InlineData(120, "119", "record 1: CDSESSN is '119', but the file name says 120 (its fields and its name disagree on the congress)")]
    public async Task A_file_whose_name_and_fields_disagree_on_the_congress_is_a_data_error_and_publishes_nothing(int fieldsCongress, string? session, string expected)
    {
        using var folder = new TempFolder();
        folder.Write(NewMexico(fieldsCongress, "tl_2025_35_cd120", session));
        var schema = $"mismatch{fieldsCongress}";

        var (exitCode, output) = await CliProcess.RunAsync(postgis.Url, "import", "--source", folder.Path, "--year", "2025", "--layers", "CD", "--schema", schema);

        Assert.True(exitCode == 4, output);
        Assert.Contains("tl_2025_35_cd120.zip", output);
        Assert.Contains(expected, output);
        await using var db = postgis.CreateDataSource();
        Assert.Equal("none", await TestImport.ScalarAsync<string>(db, $"SELECT coalesce(to_regclass('{schema}.cd_2025')::text, 'none')"));
    }

    /// <summary>The sample New Mexico districts as a file of another congress: CD{nnn}FP and CDSESSN (unless given) of that number.</summary>
    /// <summary>
    /// The 2024 sample as a file of the vintage its name says (tl_2025_… or a special release's tl_rd22_…): dated in
    /// that year, and without GEOIDFQ before 2023, as Census's files of that vintage are (else the vintage gate refuses it).
    /// </summary>
    private static TigerLayerSample NewMexico(int congress, string baseName, string? session = null)
    {
        var sample = CongressionalDistrictSamples.NewMexico();
        var year = int.Parse(baseName[3..5] == "rd" ? "20" + baseName[5..7] : baseName[3..7], CultureInfo.InvariantCulture);
        var sessionIndex = sample.Fields.ToList().FindIndex(f => f.Name == "CDSESSN");
        var kept = Enumerable.Range(0, sample.Fields.Count).Where(i => year >= 2023 || sample.Fields[i].Name != "GEOIDFQ").ToList();
        return sample with
        {
            BaseName = baseName,
            LastModified = new DateOnly(year, 9, 1),
            Fields = kept.Select(i => sample.Fields[i]).Select(f => f.Name == "CD119FP" ? f with { Name = $"CD{congress}FP" } : f).ToList(),
            Features = sample.Features.Select(f => f with { Values = kept.Select(i => i == sessionIndex ? session ?? congress.ToString(CultureInfo.InvariantCulture) : f.Values[i]).ToList() }).ToList(),
        };
    }

    private static void WriteIn(TempFolder folder, string directory, TigerLayerSample sample)
    {
        var path = Path.Combine(folder.Path, directory);
        Directory.CreateDirectory(path);
        TigerZipWriter.Write(Path.Combine(path, sample.BaseName + ".zip"), sample);
    }

    private async Task<JsonElement> StatusJsonAsync(string schema)
    {
        var (exitCode, output) = await CliProcess.RunAsync(postgis.Url, "status", "--schema", schema, "--json");
        Assert.True(exitCode == 0, output);
        return JsonDocument.Parse(output.Split('\n').Single(line => line.StartsWith("{\"layers\"", StringComparison.Ordinal))).RootElement.Clone();
    }

    private static JsonElement PlanOf(JsonElement status, string part) =>
        Assert.Single(status.GetProperty("layers").EnumerateArray()).GetProperty("partitions").EnumerateArray().Single(p => p.GetProperty("part").GetString() == part).GetProperty("plan");
}
