using TigerImport.Tests.Support;

namespace TigerImport.Tests.Cli;

/// <summary>scripts/profile.sh end to end: it publishes the worker, traces one run with dotnet-trace and summarises it.</summary>
/// <remarks>In the PostGIS collection though it needs no database: its publish must not race another test's build of the same obj/ folders.</remarks>
[Collection(PostgisCollection.Name)]
public sealed class When_a_run_is_profiled
{
    [Fact]
    public async Task The_trace_is_summarised_and_the_workers_exit_code_is_the_scripts()
    {
        // A usage error: the worker exits 2 at once, without a database, yet its start-up is traced.
        var (exitCode, output) = await ExternalTool.RunAsync(
            Path.Combine(RepoPaths.Root, "scripts", "profile.sh"),
            ["--top", "10", "--", "import", "--source", "samples", "--year", "abc", "--layers", "STATE"], workingDirectory: RepoPaths.Root);

        Assert.True(exitCode == 2, output);
        Assert.Contains("profile: tigerimport exited 2", output);
        Assert.Matches(@"CPU samples: \d+\.\d s across threads", output);
        Assert.Contains("TigerImport.Cli!TigerImport.Cli.Program", output);
    }
}
