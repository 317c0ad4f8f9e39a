using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using TigerImport.Database;

namespace TigerImport.Tests.Support;

/// <summary>
/// The real PostGIS the tests run against: <c>TIGER_TEST_DATABASE_URL</c> names a server (the test command starts one);
/// each test run gets a database of its own, dropped at the end unless <c>TIGER_TEST_KEEP_DB=1</c>. Without the
/// variable, database tests skip locally and fail on CI, where a skipped suite would hide a broken setup.
/// </summary>
public sealed class PostgisServer : IAsyncLifetime
{
    private const string Variable = "TIGER_TEST_DATABASE_URL";

    private readonly string? serverUrl = Environment.GetEnvironmentVariable(Variable);
    private readonly string database = $"tigerimport_test_{Guid.NewGuid():N}"[..32];

    /// <summary>A connection string to this run's database.</summary>
    public string ConnectionString
    {
        get
        {
            RequireServer();
            var builder = DatabaseConnection.FromUrl(serverUrl!);
            builder.Database = database;
            builder.CommandTimeout = 0;
            return builder.ConnectionString;
        }
    }

    /// <summary>This run's database as a URL, for the CLI (DATABASE_URL).</summary>
    public string Url
    {
        get
        {
            RequireServer();
            var uri = new UriBuilder(serverUrl!) { Path = "/" + database };
            return uri.Uri.ToString();
        }
    }

    public NpgsqlDataSource CreateDataSource() => DatabaseConnection.Build(ConnectionString, NullLoggerFactory.Instance);

    public async ValueTask InitializeAsync()
    {
        if (serverUrl is null)
        {
            return;
        }

        await using var admin = await OpenAdminAsync();
        await using (var create = new NpgsqlCommand($"CREATE DATABASE {database}", admin))
        {
            await create.ExecuteNonQueryAsync();
        }

        await using var dataSource = CreateDataSource();
        await using var extension = dataSource.CreateCommand("CREATE EXTENSION IF NOT EXISTS postgis");
        await extension.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (serverUrl is null || Environment.GetEnvironmentVariable("TIGER_TEST_KEEP_DB") == "1")
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var admin = await OpenAdminAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    private void RequireServer()
    {
        if (serverUrl is not null)
        {
            return;
        }

        if (Environment.GetEnvironmentVariable("CI") == "true")
        {
            Assert.Fail($"{Variable} is not set on CI: the test command (scripts/test.sh) starts PostGIS and sets it.");
        }

        Assert.Skip($"{Variable} is not set: database tests skipped (scripts/test.sh starts a local PostGIS and sets it).");
    }

    private async Task<NpgsqlConnection> OpenAdminAsync()
    {
        var builder = DatabaseConnection.FromUrl(serverUrl!);
        builder.Database = "postgres";
        var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}
