using System.Reflection.PortableExecutable;
using TigerImport.Tests.Support;

namespace TigerImport.Tests.Deploy;

/// <summary>
/// What the container runs, proved without a Docker engine: `dotnet publish` with the Dockerfile's own arguments
/// (self-contained, ReadyToRun; the amd64 variant's linux-x64), started as the Dockerfile's ENTRYPOINT names it on a machine view with no
/// .NET at all (like the runtime-deps image), imports the samples.
/// </summary>
[Collection(PostgisCollection.Name)]
public sealed class When_the_published_build_runs_without_the_SDK(PostgisServer postgis)
{
    [Fact]
    public async Task It_imports_the_samples()
    {
        var dockerfile = await File.ReadAllLinesAsync(Path.Combine(RepoPaths.Root, "Dockerfile"), TestContext.Current.CancellationToken);
        var publish = Assert.Single(dockerfile, l => l.StartsWith("RUN dotnet publish ", StringComparison.Ordinal))["RUN dotnet ".Length..]
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var link = Assert.Single(dockerfile, l => l.StartsWith("RUN ln -s ", StringComparison.Ordinal)).Split(' ');
        Assert.Equal($"ENTRYPOINT [\"{link[^1]}\"]", Assert.Single(dockerfile, l => l.StartsWith("ENTRYPOINT ", StringComparison.Ordinal)));
        using var output = new TempFolder();
        // The Dockerfile picks the runtime identifier for the target platform ("$(cat /tmp/rid)"): here, this machine's x64.
        var arguments = publish.Select(a => a switch { "/app" => output.Path, "\"$(cat" => "linux-x64", "/tmp/rid)\"" => null, _ => a }).OfType<string>().Append("--nologo");
        var build = await ExternalTool.RunAsync("dotnet", arguments, workingDirectory: RepoPaths.Root);
        Assert.True(build.ExitCode == 0, build.Output);
        Assert.True(IsReadyToRun(Path.Combine(output.Path, "TigerImport.dll")), "the library is not ReadyToRun-compiled");
        File.CreateSymbolicLink(Path.Combine(output.Path, Path.GetFileName(link[^1])), link[^2]);

        using var empty = new TempFolder();
        var run = await ExternalTool.RunAsync(
            Path.Combine(output.Path, Path.GetFileName(link[^1])),
            ["import", "--source", RepoPaths.Samples, "--year", "2024", "--layers", "STATE,PLACE", "--schema", "published"],
            new Dictionary<string, string?>
            {
                ["DATABASE_URL"] = postgis.Url,
                ["TIGER_LOG_FORMAT"] = "json",
                ["PATH"] = "/usr/bin:/bin",
                ["DOTNET_ROOT"] = empty.Path,
            });

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("\"Outcome\":\"Published\"", run.Output);
    }

    /// <summary>A ReadyToRun image carries precompiled code, announced by its CLI header's managed native header.</summary>
    private static bool IsReadyToRun(string assembly)
    {
        using var pe = new PEReader(File.OpenRead(assembly));
        return pe.PEHeaders.CorHeader?.ManagedNativeHeaderDirectory.Size > 0;
    }
}
