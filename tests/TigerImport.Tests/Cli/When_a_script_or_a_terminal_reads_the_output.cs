using System.Text.Json;
using TigerImport.Tests.Support;

namespace TigerImport.Tests.Cli;

/// <summary>
/// The output is an interface too: with --json stdout holds the document only (<c>status --json | jq .</c>), and the
/// text summaries of the real samples fit 80 columns and are printed once (a table, not also as log lines).
/// </summary>
[Collection(PostgisCollection.Name)]
public sealed class When_a_script_or_a_terminal_reads_the_output(PostgisServer postgis)
{
    private static readonly string[] SampleLayers = ["STATE", "COUNTY", "CD", "SLDU", "PLACE", "ZCTA520", "EDGES"];

    private Dictionary<string, string?> Environment(string logFormat) => new() { ["DATABASE_URL"] = postgis.Url, ["TIGER_LOG_FORMAT"] = logFormat };

    [Fact]
    public async Task The_samples_summary_fits_80_columns_and_appears_once()
    {
        string[] import = ["import", "--source", RepoPaths.Samples, "--year", "2024", "--layers", string.Join(",", SampleLayers), "--schema", "fitted"];

        var (exitCode, stdout, stderr) = await CliProcess.RunApartAsync(Environment("text"), import);
        var (againExit, again, againLog) = await CliProcess.RunApartAsync(Environment("text"), import);
        var (statusExit, status, _) = await CliProcess.RunApartAsync(Environment("text"), "status", "--schema", "fitted");
        var (planExit, plan, _) = await CliProcess.RunApartAsync(Environment("text"), ["plan", .. import[1..]]);

        Assert.True(exitCode == 0, stdout + stderr);
        Assert.True((againExit, statusExit, planExit) == (0, 0, 0), again + againLog + status + plan);
        foreach (var output in new[] { stdout, again, status, plan })
        {
            Assert.All(output.Split('\n'), line => Assert.True(line.Length <= 80, $"{line.Length} columns: {line}\n{output}"));
        }

        // Once: each layer a row of the table, and no summary event among the log lines.
        Assert.DoesNotContain("Summary", stderr);
        Assert.DoesNotContain("Summary", againLog);
        foreach (var layer in SampleLayers)
        {
            Assert.Single(stdout.Split('\n'), line => line.StartsWith(layer + " ", StringComparison.Ordinal) && line.EndsWith("published", StringComparison.Ordinal));
            Assert.Single(again.Split('\n'), line => line.StartsWith(layer + " ", StringComparison.Ordinal) && line.EndsWith("up-to-date", StringComparison.Ordinal));
        }

        Assert.Contains("schema fitted:", stdout);
        Assert.Single(again.Split('\n'), line => line.StartsWith("Up to date", StringComparison.Ordinal));
        Assert.Contains("Up to date: an import would download, load and publish nothing (exit 0).", plan);
    }

    [Fact]
    public async Task With_json_stdout_holds_the_document_only_and_the_log_goes_to_stderr()
    {
        using var folder = new TempFolder().WithSamples("tl_2024_35_place.zip", "tl_2024_72_place.zip");
        string[] request = ["--source", folder.Path, "--year", "2024", "--layers", "PLACE", "--schema", "scripted"];
        Assert.Equal(0, (await CliProcess.RunApartAsync(Environment("json"), ["import", .. request])).ExitCode);

        var status = await CliProcess.RunApartAsync(Environment("json"), "status", "--schema", "scripted", "--json");
        var plan = await CliProcess.RunApartAsync(Environment("json"), ["plan", .. request, "--json"]);

        Assert.True(status.ExitCode == 0, status.Stderr);
        var layer = Assert.Single(JsonDocument.Parse(status.Stdout).RootElement.GetProperty("layers").EnumerateArray());
        Assert.Equal("PLACE", layer.GetProperty("layer").GetString());
        Assert.Contains("\"@m\":\"tigerimport status run", status.Stderr);
        Assert.True(plan.ExitCode == 0, plan.Stderr);
        var planned = JsonDocument.Parse(plan.Stdout).RootElement;
        Assert.Equal(0, planned.GetProperty("importExitCode").GetInt32());
        Assert.Equal(0, planned.GetProperty("partitionsToLoad").GetInt32());
        Assert.Contains("tigerimport plan run", plan.Stderr);
    }
}
