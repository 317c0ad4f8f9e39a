using TigerImport.Database;
using TigerImport.Tests.Support;

namespace TigerImport.Tests.Deploy;

/// <summary>
/// docker-compose.yml's database, read without a Docker engine: no host port unless the user publishes one (a local
/// PostgreSQL keeps 5432), and an init script that creates PostGIS only, run for real against the test PostGIS, so the
/// image's postgis_tiger_geocoder and its "tiger" schema never meet the worker's default schema.
/// </summary>
[Collection(PostgisCollection.Name)]
public sealed class When_compose_starts_its_database(PostgisServer postgis)
{
    private static readonly string Compose = File.ReadAllText(Path.Combine(RepoPaths.Root, "docker-compose.yml"));
    private static readonly string InitScript = Path.Combine(RepoPaths.Root, "docker", "postgis-init.sh");

    [Fact]
    public void It_publishes_no_host_port_and_says_how_to_publish_one()
    {
        Assert.DoesNotMatch(@"(?m)^\s+ports:", Compose);
        Assert.Contains("docker-compose.override.yml", Compose);
        Assert.Contains("ports: [\"127.0.0.1:55432:5432\"]", Compose);
        Assert.Contains("docker compose exec postgis psql", Compose);
    }

    [Fact]
    public void The_images_init_script_is_replaced_by_one_that_creates_PostGIS_only()
    {
        // postgis/postgis ships its init as /docker-entrypoint-initdb.d/10_postgis.sh; mounting over that name replaces it.
        Assert.Contains("- ./docker/postgis-init.sh:/docker-entrypoint-initdb.d/10_postgis.sh:ro", Compose);
        var script = File.ReadAllText(InitScript);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(script, "CREATE EXTENSION"));
        Assert.Contains("CREATE EXTENSION IF NOT EXISTS postgis'", script);
        Assert.True(!OperatingSystem.IsWindows() && File.GetUnixFileMode(InitScript).HasFlag(UnixFileMode.UserExecute), "the image runs an executable init script, and sources one that is not");
    }

    [Fact]
    public async Task The_init_script_runs_and_the_compose_import_lands_in_tiger_with_no_geocoder()
    {
        await using var db = postgis.CreateDataSource();
        var database = $"compose_{Guid.NewGuid():N}"[..20];
        await TestImport.ExecuteAsync(db, $"CREATE DATABASE {database}");
        try
        {
            var server = ConnectionString.Parse(postgis.ConnectionString);
            var init = await ExternalTool.RunAsync("sh", [InitScript], new Dictionary<string, string?>
            {
                ["PGHOST"] = server.Host,
                ["PGPORT"] = server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["PGPASSWORD"] = server.Password,
                ["POSTGRES_USER"] = server.Username,
                ["POSTGRES_DB"] = database,
            });
            Assert.True(init.ExitCode == 0, init.Output);

            var url = new UriBuilder(postgis.Url) { Path = "/" + database }.Uri.ToString();
            var (exitCode, output) = await CliProcess.RunWithVariablesAsync(
                url, new Dictionary<string, string?> { ["TIGER_SOURCE"] = RepoPaths.Samples, ["TIGER_YEAR"] = "2024", ["TIGER_LAYERS"] = "STATE" }, "import");
            Assert.True(exitCode == 0, output);

            await using var compose = DatabaseConnection.Build(new Npgsql.NpgsqlConnectionStringBuilder(postgis.ConnectionString) { Database = database }.ConnectionString, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
            Assert.Equal("postgis", await TestImport.ScalarAsync<string>(compose, "SELECT string_agg(extname, ',' ORDER BY extname) FROM pg_extension WHERE extname LIKE 'postgis%'"));
            Assert.True(await TestImport.ScalarAsync<bool>(compose, "SELECT to_regclass('tiger.tiger_partitions') IS NOT NULL AND to_regclass('tiger.state_2024') IS NOT NULL"));
            Assert.False(await TestImport.ScalarAsync<bool>(compose, "SELECT EXISTS (SELECT 1 FROM pg_proc WHERE proname = 'geocode')"));
        }
        finally
        {
            await TestImport.ExecuteAsync(db, $"DROP DATABASE {database} WITH (FORCE)");
        }
    }
}
