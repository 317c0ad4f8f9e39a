using System.Text.Json;
using TigerImport.Tests.Support;

namespace TigerImport.Tests.Connection;

/// <summary>The real process, given the app's JSON secret as DATABASE_URL: it imports and reports, and never prints the secret.</summary>
[Collection(PostgisCollection.Name)]
public sealed class When_the_worker_runs_on_the_apps_secret(PostgisServer postgis)
{
    private const string Password = "Sup3r-secret-Pw";

    [Fact]
    public async Task An_import_and_status_work_and_the_password_appears_in_no_output()
    {
        var (secret, password) = SecretOf(postgis.ConnectionString);

        var import = await CliProcess.RunAsync(secret, "import", "--source", RepoPaths.Samples, "--year", "2024", "--layers", "STATE", "--schema", "secret");
        var status = await CliProcess.RunAsync(secret, "status", "--schema", "secret", "--json");
        var statusJson = await CliProcess.RunJsonAsync(secret, "status", "--schema", "secret");

        Assert.True(import.ExitCode == 0, import.Output);
        Assert.True(status.ExitCode == 0, status.Output);
        Assert.Contains("state_2024", status.Output);
        foreach (var output in new[] { import.Output, status.Output, statusJson.Output })
        {
            Assert.DoesNotContain(password, output);
            Assert.DoesNotContain("old-url-pw", output);
        }
    }

    [Fact]
    public async Task A_secret_naming_a_database_that_is_down_exits_5_naming_it_without_the_password()
    {
        var secret = JsonSerializer.Serialize(new { url = "postgis://importer:old-url-pw@127.0.0.1:1/geodata", password = Password });

        var (exitCode, output) = await CliProcess.RunAsync(secret, "status");

        Assert.True(exitCode == 5, output);
        Assert.Contains("Cannot connect to the database at 127.0.0.1:1/geodata as importer", output);
        Assert.DoesNotContain(Password, output);
        Assert.DoesNotContain("old-url-pw", output);
    }

    [Fact]
    public async Task A_malformed_secret_exits_2_without_echoing_it()
    {
        var (exitCode, output) = await CliProcess.RunAsync($$"""{"host": "127.0.0.1", "password": "{{Password}}" """, "status");

        Assert.True(exitCode == 2, output);
        Assert.Contains("not a JSON object", output);
        Assert.DoesNotContain(Password, output);
    }

    /// <summary>
    /// The app's secret for the test database: url with a stale password (postgis://), the fields as rotated. The
    /// password is the test server's, or (a trust-authenticated server) a made-up one the server ignores.
    /// </summary>
    private static (string Secret, string Password) SecretOf(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        var password = builder.Password is { Length: > 0 } real ? real : Password;
        var url = $"postgis://{Uri.EscapeDataString(builder.Username!)}:old-url-pw@{builder.Host}:{builder.Port}/{builder.Database}";
        var secret = JsonSerializer.Serialize(new { url, username = builder.Username, password, host = builder.Host, port = builder.Port, dbname = builder.Database, engine = "postgres" });
        return (secret, password);
    }
}
