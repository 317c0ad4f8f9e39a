using TigerImport.Tests.Support;

namespace TigerImport.Tests.Cli;

/// <summary>
/// scripts/install-deps.sh's choice of PostGIS package (postgis_package), run by bash without apt: the package of
/// the PostgreSQL server each supported distribution ships, and a clear failure elsewhere; then once with this
/// machine's own /etc/os-release and apt-cache, whose choice apt must know.
/// </summary>
public sealed class When_install_deps_chooses_the_PostGIS_package
{
    [Theory]
    [InlineData("ID=debian\nVERSION_ID=\"12\"", "postgresql\n  Depends: postgresql-15\n  Suggests: postgresql-doc", "postgresql-15-postgis-3")]
    [InlineData("NAME=\"Ubuntu\"\nID=ubuntu\nVERSION_ID=\"22.04\"", "postgresql\n  Depends: postgresql-14\n  Suggests: postgresql-doc", "postgresql-14-postgis-3")]
    [InlineData("NAME=\"Ubuntu\"\nID=ubuntu\nVERSION_ID=\"24.04\"", "postgresql\n  Depends: postgresql-16\n  Depends: postgresql-common", "postgresql-16-postgis-3")]
    [InlineData("ID=debian\nVERSION_ID=\"13\"", "postgresql\n  Depends: postgresql-17", "postgresql-17-postgis-3")]
    [InlineData("ID=ubuntu\nVERSION_ID=\"26.04\"", "postgresql\n  Depends: postgresql-18", "postgresql-18-postgis-3")]
    public async Task A_supported_distribution_gets_its_own_servers_PostGIS(string osRelease, string depends, string package)
    {
        Assert.Equal((0, package), await ChooseAsync(osRelease, depends));
    }

    [Theory]
    [InlineData("ID=arch\nVERSION_ID=\"rolling\"", "  Depends: postgresql-12", "Debian and Ubuntu only (tested: Debian 12, Ubuntu 22.04 and 24.04); this is arch rolling")]
    [InlineData("ID=fedora\nVERSION_ID=40", "", "this is fedora 40")]
    [InlineData("", "", "this is an unknown system")]
    [InlineData("ID=debian\nVERSION_ID=\"12\"", "postgresql\n  Suggests: postgresql-doc", "names no postgresql-NN")]
    public async Task Anything_else_fails_saying_what_is_supported(string osRelease, string depends, string says)
    {
        var (exitCode, output) = await ChooseAsync(osRelease, depends);

        Assert.NotEqual(0, exitCode);
        Assert.Contains(says, output);
        Assert.DoesNotContain("postgis-3\n", output);
    }

    [Fact]
    public async Task On_this_machine_the_choice_is_a_package_apt_knows()
    {
        Assert.SkipUnless(ExternalTool.IsInstalled("apt-cache") && File.Exists("/etc/os-release"), "No apt-cache or /etc/os-release here (not Debian or Ubuntu): skipped.");
        var depends = await ExternalTool.RunAsync("apt-cache", ["depends", "postgresql"]);
        var (exitCode, package) = await ChooseAsync(await File.ReadAllTextAsync("/etc/os-release", TestContext.Current.CancellationToken), depends.Output);
        Assert.True(exitCode == 0, package);

        var show = await ExternalTool.RunAsync("apt-cache", ["show", package]);
        Assert.True(show.ExitCode == 0 && show.Output.Contains($"Package: {package}", StringComparison.Ordinal), show.Output);
    }

    private static async Task<(int ExitCode, string Output)> ChooseAsync(string osRelease, string depends)
    {
        var (exitCode, output) = await ExternalTool.RunAsync(
            "bash", ["-c", "INSTALL_DEPS_LIB=1 source \"$0\"; postgis_package \"$1\" \"$2\"", Path.Combine(RepoPaths.Root, "scripts", "install-deps.sh"), osRelease, depends]);
        return (exitCode, output.Trim());
    }
}
