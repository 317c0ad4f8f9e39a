using System.Text.Json;
using TigerImport.Tests.Support;

namespace TigerImport.Tests.Deploy;

/// <summary>
/// docker-compose.yml's PostGIS healthcheck, run for real (no Docker engine here) against the test PostGIS: it passes
/// only for a server that answers on TCP with PostGIS, which the image's init-time server (unix socket only) is not.
/// </summary>
[Collection(PostgisCollection.Name)]
public sealed class When_compose_waits_for_PostGIS(PostgisServer postgis)
{
    [Fact]
    public async Task The_healthcheck_passes_for_the_real_server_and_fails_with_nothing_on_TCP()
    {
        var url = new Uri(postgis.Url);
        var command = Healthcheck();

        var healthy = await RunAsync(command, url.Port);
        var nothingOnTcp = await RunAsync(command, FreePort());

        Assert.True(healthy.ExitCode == 0, healthy.Output);
        Assert.NotEqual(0, nothingOnTcp.ExitCode);
    }

    [Fact]
    public void The_worker_starts_only_once_PostGIS_is_healthy()
    {
        var compose = File.ReadAllText(Path.Combine(RepoPaths.Root, "docker-compose.yml"));

        Assert.Contains("condition: service_healthy", compose);
        Assert.Contains("-h 127.0.0.1", Healthcheck());
        Assert.Contains("postgis_version()", Healthcheck());
    }

    /// <summary>The postgis service's healthcheck command (a JSON flow sequence in the YAML), with compose's $$ unescaped.</summary>
    private static string Healthcheck()
    {
        var line = File.ReadLines(Path.Combine(RepoPaths.Root, "docker-compose.yml")).Single(l => l.TrimStart().StartsWith("test: [", StringComparison.Ordinal));
        var test = JsonSerializer.Deserialize<string[]>(line.TrimStart()["test: ".Length..])!;
        Assert.Equal("CMD-SHELL", test[0]);
        return test[1].Replace("$$", "$", StringComparison.Ordinal);
    }

    /// <summary>As the container runs it, but on the test server's port (PGPORT) and database user.</summary>
    private static Task<(int ExitCode, string Output)> RunAsync(string command, int port) =>
        ExternalTool.RunAsync("sh", ["-c", command.Replace("-d tigerimport", "-d tigerimport -p " + port, StringComparison.Ordinal)], new Dictionary<string, string?>
        {
            ["POSTGRES_PASSWORD"] = "unused",
            ["PGCONNECT_TIMEOUT"] = "3",
        });

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
