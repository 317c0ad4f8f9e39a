using TigerImport.Tests.Support;

namespace TigerImport.Tests.Cli;

/// <summary>The README's install step, into a tool path of its own: `dotnet pack`, `dotnet tool install`, then `tigerimport`.</summary>
/// <remarks>
/// In the PostGIS collection though it needs no database: tests in one collection run one at a time, so this build of
/// the repository never races the published-build test's build over the same obj/ folders.
/// </remarks>
[Collection(PostgisCollection.Name)]
public sealed class When_the_tool_package_is_installed
{
    [Fact]
    public async Task Tigerimport_runs_and_knows_its_name_and_version()
    {
        using var packages = new TempFolder();
        using var tools = new TempFolder();
        var pack = await ExternalTool.RunAsync(
            "dotnet", ["pack", "src/TigerImport.Cli", "-c", "Release", "-o", packages.Path, "--nologo"], workingDirectory: RepoPaths.Root);
        Assert.True(pack.ExitCode == 0, pack.Output);
        var package = Assert.Single(packages.Files, f => f.StartsWith("TigerImport.Tool.", StringComparison.Ordinal) && f.EndsWith(".nupkg", StringComparison.Ordinal));
        var version = package["TigerImport.Tool.".Length..^".nupkg".Length];

        var install = await ExternalTool.RunAsync(
            "dotnet", ["tool", "install", "TigerImport.Tool", "--version", version, "--tool-path", tools.Path, "--add-source", packages.Path]);
        Assert.True(install.ExitCode == 0, install.Output);

        var tigerimport = Path.Combine(tools.Path, "tigerimport");
        var (versionExit, printed) = await ExternalTool.RunAsync(tigerimport, ["--version"]);
        Assert.True(versionExit == 0, printed);
        Assert.StartsWith(version, printed.Trim(), StringComparison.Ordinal);
        Assert.Matches(@"^\d+\.\d+\.\d+", version);

        var (helpExit, help) = await ExternalTool.RunAsync(tigerimport, ["import", "--help"]);
        Assert.Equal(0, helpExit);
        Assert.Contains("tigerimport import [options]", help);
        Assert.DoesNotContain("TigerImport.Cli", help);
    }

    /// <summary>
    /// scripts/install.sh as the README runs it, over a newer install (another checkout's): the checkout's version
    /// replaces it. Global tools go under DOTNET_CLI_HOME, a temp folder here, so the machine's own install is untouched.
    /// </summary>
    [Fact]
    public async Task The_install_script_replaces_a_newer_installed_version()
    {
        using var newer = new TempFolder();
        using var cliHome = new TempFolder();
        var environment = new Dictionary<string, string?> { ["DOTNET_CLI_HOME"] = cliHome.Path };
        var pack = await ExternalTool.RunAsync(
            "dotnet", ["pack", "src/TigerImport.Cli", "-c", "Release", "-o", newer.Path, "--nologo", "-p:MinVerVersionOverride=99.0.0"],
            workingDirectory: RepoPaths.Root);
        Assert.True(pack.ExitCode == 0, pack.Output);
        var installNewer = await ExternalTool.RunAsync(
            "dotnet", ["tool", "install", "--global", "TigerImport.Tool", "--version", "99.0.0", "--add-source", newer.Path], environment);
        Assert.True(installNewer.ExitCode == 0, installNewer.Output);

        var script = await ExternalTool.RunAsync(Path.Combine(RepoPaths.Root, "scripts", "install.sh"), [], environment);
        Assert.True(script.ExitCode == 0, script.Output);

        var packed = Path.GetFileNameWithoutExtension(Assert.Single(Directory.GetFiles(Path.Combine(RepoPaths.Root, ".local", "nupkg"), "TigerImport.Tool.*.nupkg")));
        var version = packed["TigerImport.Tool.".Length..];
        Assert.NotEqual("99.0.0", version);
        var (versionExit, printed) = await ExternalTool.RunAsync(Path.Combine(cliHome.Path, ".dotnet", "tools", "tigerimport"), ["--version"]);
        Assert.True(versionExit == 0, printed);
        Assert.StartsWith(version, printed.Trim(), StringComparison.Ordinal);
    }
}
