using TigerImport.Tests.Support;

namespace TigerImport.Tests.Monthly;

/// <summary>
/// <c>plan</c> takes every option of <c>import</c> and says the exit code that import would have; with
/// <c>--exit-code</c> it exits with it. For each request, through the real CLI and PostGIS, the code the plan predicts
/// is the code the import then returns.
/// </summary>
[Collection(PostgisCollection.Name)]
public sealed class When_a_plan_predicts_the_import(PostgisServer postgis)
{
    [Fact]
    public async Task The_code_plan_predicts_is_the_code_import_returns()
    {
        using var folder = new TempFolder().WithSamples("tl_2024_35_place.zip");
        string[] request = ["--source", folder.Path, "--layers", "PLACE", "--schema", "predicted"];
        var steps = new (string Name, string[] Options, int Expected, string Says, Action? Before)[]
        {
            ("new", ["--year", "2024", "--states", "NM"], 0, "An import would load and publish 1 partition(s), and exit 0", null),
            ("up to date", ["--year", "2024", "--states", "NM"], 0, "Up to date: an import would download, load and publish nothing (exit 0).", null),
            ("files missing", ["--year", "2024", "--states", "NM,PR"], 3, "An import would exit 3: PLACE 2024: 1 file(s) not in", null),
            ("with --skip-missing", ["--year", "2024", "--states", "NM,PR", "--skip-missing", "--max-rejects", "unlimited", "--jobs", "1"], 0, "Up to date: an import would download, load and publish nothing (exit 0).", null),
            ("a new file", ["--year", "2024", "--states", "NM,PR"], 0, "An import would load and publish 1 partition(s), and exit 0", () => folder.WithSamples("tl_2024_72_place.zip")),
            ("a year the source lacks", ["--year", "2023"], 3, "An import would exit 3: PLACE 2023:", null),
        };

        foreach (var (name, options, expected, says, before) in steps)
        {
            before?.Invoke();
            var (planExit, plan) = await CliProcess.RunAsync(postgis.Url, ["plan", .. request, .. options, "--exit-code"]);
            var (plainExit, _) = await CliProcess.RunAsync(postgis.Url, ["plan", .. request, .. options]);
            var (importExit, import) = await CliProcess.RunAsync(postgis.Url, ["import", .. request, .. options]);

            Assert.True(planExit == expected, $"{name}: plan --exit-code {planExit}\n{plan}");
            Assert.True(importExit == planExit, $"{name}: plan predicted {planExit}, import returned {importExit}\n{plan}\n{import}");
            Assert.True(plainExit == 0, $"{name}: plan without --exit-code exits 0 once it planned; got {plainExit}");
            Assert.Contains(says, plan.ReplaceLineEndings(" "));
        }
    }
    [Theory]
    [InlineData("yes", 0)]
    [InlineData("ON", 0)]
    [InlineData("1", 0)]
    [InlineData("No", 3)]
    [InlineData("off", 3)]
    public async Task A_missing_file_is_missing_and_the_skip_switch_takes_the_usual_spellings(string skipMissing, int expected)
    {
        using var folder = new TempFolder().WithSamples("tl_2024_35_place.zip");
        string[] plan = ["plan", "--source", folder.Path, "--layers", "PLACE", "--schema", "spelled", "--year", "2024", "--states", "NM,PR", "--exit-code"];

        var (exitCode, output) = await CliProcess.RunWithVariablesAsync(postgis.Url, new Dictionary<string, string?> { ["TIGER_SKIP_MISSING"] = skipMissing }, plan);

        Assert.True(exitCode == expected, output);
        var row = Assert.Single(output.Split('\n'), line => line.StartsWith("PLACE", StringComparison.Ordinal) && line.Contains(" - "));
        Assert.Matches(@"^PLACE\s+2024\s+-\s+missing\s+1\s", row);

        // The reason stands whole, in the table or under it.
        Assert.Contains(expected == 0 ? "tl_2024_72_place.zip (Puerto Rico) is not in the source (--skip-missing: not loaded)" : "tl_2024_72_place.zip (Puerto Rico) is not in the source", output.ReplaceLineEndings(" "));
    }

    [Theory]
    [InlineData("import", "35999")]
    [InlineData("plan", "35001")]
    public async Task An_unknown_county_of_a_folder_is_a_usage_error_in_the_one_format_before_connecting(string verb, string county)
    {
        using var folder = new TempFolder().WithSamples("tl_2024_35013_edges.zip");

        // Nothing listens on port 1: the error must come before the worker tries to connect.
        var (exitCode, stdout, stderr) = await CliProcess.RunApartAsync(
            new Dictionary<string, string?> { ["DATABASE_URL"] = "postgres://tigerimport@127.0.0.1:1/nowhere", ["TIGER_LOG_FORMAT"] = "json" },
            verb, "--source", folder.Path, "--layers", "EDGES", "--schema", "counties", "--year", "2024", "--counties", county);

        Assert.True(exitCode == 2, stderr);
        Assert.DoesNotContain("Unknown county", stdout);
        Assert.DoesNotContain("127.0.0.1:1", stdout + stderr);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal($"Run 'tigerimport {verb} --help' for the verbs and options.", lines[^1]);
        Assert.Contains(lines, line => line.StartsWith($"tigerimport {verb}: Unknown county '{county}' for EDGES 2024: the source lists 1 county file(s) of New Mexico: 35013.", StringComparison.Ordinal));
    }
}
