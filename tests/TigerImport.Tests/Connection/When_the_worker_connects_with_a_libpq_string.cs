using System.Diagnostics;
using TigerImport.Database;
using TigerImport.Tests.Support;

namespace TigerImport.Tests.Connection;

/// <summary>The real CLI with libpq's key=value form (what psql users type) against the test PostGIS, and a form it cannot read.</summary>
[Collection(PostgisCollection.Name)]
public sealed class When_the_worker_connects_with_a_libpq_string(PostgisServer postgis)
{
    [Fact]
    public async Task Libpqs_form_in_DATABASE_URL_connects()
    {
        var server = ConnectionString.Parse(postgis.ConnectionString);
        var password = string.IsNullOrEmpty(server.Password) ? "" : $" password='{server.Password.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("'", @"\'", StringComparison.Ordinal)}'";
        var libpq = $"host={server.Host} port={server.Port} dbname={server.Database} user={server.Username}{password} sslmode=disable application_name='tigerimport libpq test'";

        var (exitCode, output) = await CliProcess.RunAsync(libpq, "status");

        Assert.True(exitCode == 0, output);
        Assert.Contains($"{server.Host}:{server.Port}/{server.Database} as {server.Username}", output);
    }

    /// <summary>libpq's other ways to name the server: the URL's query, a percent-encoded socket directory as the URL's host, and PG* for what key=value leaves out.</summary>
    [Theory]
    [InlineData("postgresql:///{database}?host={host}&port={port}&user={user}", false)]
    [InlineData("postgresql://{user}@{socket}:{port}/{database}", false)]
    [InlineData("dbname={database}", true)]
    public async Task Libpqs_other_host_forms_connect(string form, bool hostFromEnvironment)
    {
        var server = ConnectionString.Parse(postgis.ConnectionString);
        var socket = form.Contains("{socket}", StringComparison.Ordinal) ? SocketDirectory(server.Port) : "";
        var connection = form.Replace("{database}", server.Database, StringComparison.Ordinal).Replace("{host}", server.Host, StringComparison.Ordinal)
            .Replace("{port}", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{user}", Uri.EscapeDataString(server.Username!), StringComparison.Ordinal).Replace("{socket}", Uri.EscapeDataString(socket), StringComparison.Ordinal);
        var variables = new Dictionary<string, string?> { ["PGPASSWORD"] = server.Password };
        if (hostFromEnvironment)
        {
            (variables["PGHOST"], variables["PGPORT"], variables["PGUSER"]) = (server.Host, server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), server.Username);
        }

        var (exitCode, output) = await CliProcess.RunWithVariablesAsync(connection, variables, "status");

        Assert.True(exitCode == 0, output);
        Assert.Contains($"{(form.Contains("{socket}", StringComparison.Ordinal) ? socket : server.Host)}:{server.Port}/{server.Database} as {server.Username}", output);
    }

    /// <summary>The socket directory of scripts/postgis.sh's server on <paramref name="port"/> (its folder under .local/postgis); skips for a server started elsewhere.</summary>
    private static string SocketDirectory(int port)
    {
        var servers = Path.Combine(RepoPaths.Root, ".local", "postgis");
        var socket = Directory.Exists(servers) ? Directory.EnumerateDirectories(servers).FirstOrDefault(d => File.Exists(Path.Combine(d, $".s.PGSQL.{port}"))) : null;
        Assert.SkipWhen(socket is null, $"The test server on port {port} is not scripts/postgis.sh's (no socket under {servers}): the socket form skipped.");
        return socket!;
    }

    [Fact]
    public async Task A_form_it_cannot_read_is_exit_2_at_once_naming_the_forms()
    {
        var server = ConnectionString.Parse(postgis.ConnectionString);
        var clock = Stopwatch.StartNew();

        var (exitCode, output) = await CliProcess.RunAsync(null, "status", "--connection", $"Host={server.Host} Port={server.Port} Database={server.Database}");

        Assert.True(exitCode == 2, output);
        Assert.Contains("no form the worker reads", output);
        Assert.Contains("libpq's key=value form", output);
        Assert.DoesNotContain("Cannot connect", output);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}: it retried a connection");
    }
}
