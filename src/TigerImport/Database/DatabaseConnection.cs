using Microsoft.Extensions.Logging;
using Npgsql;

namespace TigerImport.Database;

/// <summary>
/// Builds the data source from <c>--connection</c>, else <c>DATABASE_URL</c>, else the standard <c>PG*</c> variables
/// (read here: Npgsql itself reads only some of them, not PGHOST, PGPORT or PGDATABASE). The forms a connection may
/// take (URL, the app's JSON secret, key=value) are read by <see cref="ConnectionString"/>.
/// </summary>
public static class DatabaseConnection
{
    public static NpgsqlDataSource Create(string? connection, ILoggerFactory loggerFactory, out string description)
    {
        var text = connection ?? Environment.GetEnvironmentVariable("DATABASE_URL");
        var builder = string.IsNullOrWhiteSpace(text) ? ConnectionString.WithEnvironment(new NpgsqlConnectionStringBuilder()) : ConnectionString.Parse(text);
        if (builder.Host is null && Environment.GetEnvironmentVariable("PGHOST") is null)
        {
            throw new TigerImportException(FailureKind.Usage, "No database given: set DATABASE_URL (postgres://user:password@host:5432/db), the PG* variables, or --connection.");
        }

        ConnectionString.CheckFiles(builder);
        builder.ApplicationName ??= "tigerimport";

        // Index builds and ANALYZE on national layers take minutes: no statement timeout. Keepalives notice a dropped connection.
        builder.CommandTimeout = 0;
        builder.KeepAlive = 30;
        var host = builder.Host ?? Environment.GetEnvironmentVariable("PGHOST");
        // Several hosts carry their ports (h1:5432,h2:5433), or share the one port.
        var hosts = host?.Contains(',', StringComparison.Ordinal) == true && host.Contains(':', StringComparison.Ordinal) ? host : $"{host}:{(builder.Port == 0 ? 5432 : builder.Port)}";
        description = $"{hosts}/{builder.Database ?? Environment.GetEnvironmentVariable("PGDATABASE")} as {builder.Username ?? Environment.GetEnvironmentVariable("PGUSER")}";
        return Build(builder.ConnectionString, loggerFactory);
    }

    /// <summary>
    /// True when a connection given on the command line carries a password: argv is readable by every local user
    /// (<c>ps</c>, <c>/proc/PID/cmdline</c>), so the caller warns; DATABASE_URL and PGPASSWORD are not.
    /// </summary>
    public static bool CarriesPassword(string? connection)
    {
        if (string.IsNullOrWhiteSpace(connection))
        {
            return false;
        }

        try
        {
            var builder = ConnectionString.Parse(connection);
            return !string.IsNullOrEmpty(builder.Password);
        }
        catch (Exception e) when (e is TigerImportException or ArgumentException or FormatException)
        {
            return false; // unreadable: Create reports it
        }
    }

    /// <summary>
    /// Opens a first connection, retrying for up to <see cref="ReachBudget"/> while the server is starting (docker
    /// compose starts the worker with the database); a refusal that waiting cannot fix (password, missing database)
    /// fails at once. The error names host, port, database and user, and the cause; never the password.
    /// </summary>
    public static async Task WaitUntilReachableAsync(NpgsqlDataSource dataSource, string description, ILogger logger, CancellationToken cancellationToken)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var delay = FirstReachDelay;
        var role = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString).Username ?? Environment.GetEnvironmentVariable("PGUSER") ?? Environment.UserName;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
                return;
            }
            catch (NpgsqlException e) when (e.IsTransient && clock.Elapsed + delay < ReachBudget)
            {
                Log.DatabaseUnreachable(logger, description, attempt, (long)delay.TotalMilliseconds, Cause(e, role));
                await Task.Delay(delay, cancellationToken);
                delay *= 2;
            }
            catch (NpgsqlException e)
            {
                throw new TigerImportException(
                    FailureKind.Database, $"Cannot connect to the database at {description} (attempt {attempt}, {clock.Elapsed.TotalSeconds:F0} s): {Cause(e, role)}", e);
            }
        }
    }

    /// <summary>The root cause of a connection failure, e.g. "Connection refused" or the server's own message (with the fix for <paramref name="role"/>).</summary>
    private static string Cause(Exception e, string role) => e switch
    {
        PostgresException p => $"{p.MessageText} (SQLSTATE {p.SqlState}){LoginFix(p, role)}",
        { InnerException: { } inner } => $"{e.Message} ({inner.Message})",
        _ => e.Message,
    };

    /// <summary>The fix for the two refusals an administrator's set-up causes: no CONNECT on the database, a role without LOGIN.</summary>
    private static string LoginFix(PostgresException p, string role) =>
        p.SqlState == PostgresErrorCodes.InsufficientPrivilege && System.Text.RegularExpressions.Regex.Match(p.MessageText, "^permission denied for database \"?(?<db>[^\"]+)\"?$") is { Success: true } database
            ? $": the role lacks CONNECT on database {database.Groups["db"].Value}; an administrator runs GRANT CONNECT ON DATABASE {Sql.Readable(database.Groups["db"].Value)} TO {Sql.Readable(role)}. See docs/database-role.md"
            : p.SqlState == PostgresErrorCodes.InvalidAuthorizationSpecification && System.Text.RegularExpressions.Regex.Match(p.MessageText, "^role \"(?<role>[^\"]+)\" is not permitted to log in") is { Success: true } login
                ? $": the role may not log in; an administrator runs ALTER ROLE {Sql.Readable(login.Groups["role"].Value)} LOGIN. See docs/database-role.md"
                : "";

    /// <summary>How long the first connection may wait for a server that is starting: backoff from <see cref="FirstReachDelay"/>, doubling (0.5, 1, 2, 4, 8 s: 15.5 s), then it gives up.</summary>
    internal static readonly TimeSpan ReachBudget = TimeSpan.FromSeconds(16);

    internal static readonly TimeSpan FirstReachDelay = TimeSpan.FromMilliseconds(500);

    /// <summary>A data source that reads and writes NetTopologySuite geometries (PostGIS binary).</summary>
    public static NpgsqlDataSource Build(string connectionString, ILoggerFactory loggerFactory)
    {
        var dataSource = new NpgsqlDataSourceBuilder(connectionString).UseLoggerFactory(loggerFactory);
        dataSource.UseNetTopologySuite();
        return dataSource.Build();
    }

    /// <summary>A <c>postgres://</c> (or <c>postgis://</c>) URL: see <see cref="ConnectionString.FromUrl"/>.</summary>
    public static NpgsqlConnectionStringBuilder FromUrl(string url) => ConnectionString.FromUrl(url);
}
