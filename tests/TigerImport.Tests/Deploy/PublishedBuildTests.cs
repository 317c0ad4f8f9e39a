using TigerImport.Tests.Support;

namespace TigerImport.Tests.Deploy;

/// <summary>
/// What the container runs, proved without a Docker engine: `dotnet publish` with the Dockerfile's own arguments,
/// started by a .NET root that holds only the runtime (no SDK), imports the samples.
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
        using var output = new TempFolder();
        var arguments = publish.Select(a => a == "/app" ? output.Path : a).Append("--nologo");
        var build = await ExternalTool.RunAsync("dotnet", arguments, workingDirectory: RepoPaths.Root);
        Assert.True(build.ExitCode == 0, build.Output);

        var runtimeOnly = RuntimeOnlyDotnetRoot(output.Path);
        var run = await ExternalTool.RunAsync(
            Path.Combine(runtimeOnly, "dotnet"),
            [Path.Combine(output.Path, "TigerImport.Cli.dll"), "import", "--source", RepoPaths.Samples, "--year", "2024", "--layers", "STATE,PLACE", "--schema", "published"],
            new Dictionary<string, string?> { ["DATABASE_URL"] = postgis.Url, ["DOTNET_ROOT"] = runtimeOnly, ["TIGER_LOG_FORMAT"] = "json" });

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("\"Outcome\":\"Published\"", run.Output);
        Assert.False(Directory.Exists(Path.Combine(runtimeOnly, "sdk")));
    }

    /// <summary>A .NET root with the host and the shared runtime only, linked from the machine's, like the runtime image.</summary>
    private static string RuntimeOnlyDotnetRoot(string under)
    {
        var installed = Path.GetDirectoryName(Path.GetFullPath(Environment.ProcessPath!.EndsWith("dotnet", StringComparison.Ordinal) ? Environment.ProcessPath : "/usr/share/dotnet/dotnet"))!;
        installed = Directory.Exists(Path.Combine(installed, "shared")) ? installed : "/usr/share/dotnet";
        var root = Directory.CreateDirectory(Path.Combine(under, "dotnet-runtime")).FullName;
        File.CreateSymbolicLink(Path.Combine(root, "dotnet"), Path.Combine(installed, "dotnet"));
        Directory.CreateSymbolicLink(Path.Combine(root, "host"), Path.Combine(installed, "host"));
        var shared = Directory.CreateDirectory(Path.Combine(root, "shared")).FullName;
        Directory.CreateSymbolicLink(Path.Combine(shared, "Microsoft.NETCore.App"), Path.Combine(installed, "shared", "Microsoft.NETCore.App"));
        return root;
    }
}
