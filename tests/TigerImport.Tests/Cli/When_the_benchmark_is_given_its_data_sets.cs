using TigerImport.Tests.Support;

namespace TigerImport.Tests.Cli;

/// <summary>scripts/bench.sh's arguments (the benchmark itself runs in scripts/test.sh as `bench.sh --tiny`).</summary>
public sealed class When_the_benchmark_is_given_its_data_sets
{
    [Theory]
    [InlineData("edges-100mb,trcts")]
    [InlineData("edges-12xb")]
    [InlineData("edges")]
    [InlineData("county-edges-0")]
    [InlineData("county-edges-255")]
    [InlineData("county-roads-5")]
    public async Task An_unknown_data_set_is_a_usage_error_before_anything_is_built(string sets)
    {
        var (exitCode, output) = await ExternalTool.RunAsync(
            Path.Combine(RepoPaths.Root, "scripts", "bench.sh"), ["--sets", sets, "--rounds", "1"], workingDirectory: RepoPaths.Root);

        Assert.True(exitCode == 2, output);
        Assert.Contains("bench: unknown data set '", output);
        Assert.DoesNotContain("building the worker", output);
    }
}
