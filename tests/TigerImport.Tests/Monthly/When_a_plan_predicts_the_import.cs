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
}
