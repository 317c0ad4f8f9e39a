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
