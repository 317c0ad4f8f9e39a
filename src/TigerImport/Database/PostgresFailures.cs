using System.Text.RegularExpressions;
using Npgsql;

namespace TigerImport.Database;

/// <summary>PostgreSQL failures in an operator's words, and whether a session was lost (so its work can be redone).</summary>
public static class PostgresFailures
{
    /// <summary>
    /// A failure in an operator's words: for PostgreSQL, the server's own message and SQLSTATE (e.g. "terminating
    /// connection due to administrator command (57P01)") rather than the socket error the client saw last.
    /// </summary>
    public static string Describe(Exception exception) => exception switch
    {
        PostgresException server => Server(server),
        NpgsqlException { InnerException: PostgresException server } => Server(server),
        NpgsqlException { InnerException: { } inner } => $"{exception.Message} ({inner.Message})",
        _ => exception.Message,
    };

    /// <summary>SQLSTATE class 53: the server lacks disk, memory or another resource; waiting a moment does not help.</summary>
    public static bool IsInsufficientResources(Exception exception) => exception switch
    {
        PostgresException server => server.SqlState.StartsWith("53", StringComparison.Ordinal),
        NpgsqlException { InnerException: PostgresException server } => server.SqlState.StartsWith("53", StringComparison.Ordinal),
        _ => false,
    };

    /// <summary>The server's message and SQLSTATE; for the classes an operator fixes outside PostgreSQL (a full disk), the cause and the fix too.</summary>
    private static string Server(PostgresException server) => server.SqlState switch
    {
        PostgresErrorCodes.DiskFull =>
            $"PostgreSQL: {server.MessageText} (SQLSTATE {server.SqlState} disk_full): the database server's disk (the tablespace's volume) is full, not the worker's; free space or grow the volume (RDS: raise allocated storage or enable storage autoscaling), then rerun. Nothing was published from the failed layer",
        PostgresErrorCodes.OutOfMemory or PostgresErrorCodes.InsufficientResources =>
            $"PostgreSQL: {server.MessageText} (SQLSTATE {server.SqlState}): the database server ran out of memory or resources; lower --jobs or give it more, then rerun",
        PostgresErrorCodes.InsufficientPrivilege =>
            $"PostgreSQL: {server.MessageText} (SQLSTATE {server.SqlState} insufficient_privilege): {MissingRight(server.MessageText)} See docs/database-role.md for the rights the worker's role needs",
        _ => $"PostgreSQL: {server.MessageText} (SQLSTATE {server.SqlState})",
    };

    /// <summary>The right a 42501 says is missing, and on what, from the server's message (its wording is PostgreSQL's aclcheck_error).</summary>
    private static string MissingRight(string message) =>
        Regex.Match(message, @"^must be owner of (?<kind>[a-z ]+?) (?<name>\S+)$") is { Success: true } owner
            ? $"the worker's role does not own {owner.Groups["kind"].Value} {owner.Groups["name"].Value}, and only its owner may alter, move, swap or drop it; an administrator makes the worker's role its owner (ALTER {owner.Groups["kind"].Value.ToUpperInvariant()} {owner.Groups["name"].Value} OWNER TO the worker's role) or drops it."
            : Regex.Match(message, @"^permission denied for (?<kind>database|schema|table|sequence|function|view|materialized view) (?<name>\S+)$") is { Success: true } denied
                ? denied.Groups["kind"].Value switch
                {
                    "database" => $"the worker's role lacks CREATE on database {denied.Groups["name"].Value}, needed to create its schemas; an administrator grants CREATE ON DATABASE {denied.Groups["name"].Value} to it, or creates its three schemas owned by it.",
                    "schema" => $"the worker's role lacks USAGE or CREATE on schema {denied.Groups["name"].Value}; an administrator makes the role the schema's owner or grants USAGE, CREATE on it.",
                    var kind => $"the worker's role lacks a right (SELECT, INSERT, UPDATE or DELETE) on {kind} {denied.Groups["name"].Value}; the worker must own the tables in its schemas: an administrator makes it their owner.",
                }
                : message.StartsWith("permission denied to create extension", StringComparison.Ordinal)
                    ? "only a superuser (RDS: a member of rds_superuser) may create that extension; an administrator runs CREATE EXTENSION postgis once in the database."
                    : "the worker's role lacks a right it needs.";

    /// <summary>
    /// A lost connection in an operator's words. The server's message when the client read it; when the client was
    /// writing (a COPY), it sees only the socket close ("Broken pipe") and the server's farewell is lost with it, so
    /// this names the causes that end a session from the server's side.
    /// </summary>
    public static string DescribeLost(Exception exception) => exception is PostgresException or NpgsqlException { InnerException: PostgresException }
        ? Describe(exception)
        : $"PostgreSQL closed the session (terminated by an administrator or pg_terminate_backend, a timeout, a restart or a failover); the client saw: {Describe(exception)}";

    /// <summary>True when the connection itself was lost (killed, server restart, network), so the work can be redone on a new one.</summary>
    /// <remarks>
    /// A server error of class 53 (disk full, out of memory) is never "lost", though Npgsql breaks a connection whose
    /// COPY failed: redoing the work on a new connection would fail the same way and report the wrong cause.
    /// </remarks>
    public static bool IsConnectionLost(Exception exception, NpgsqlConnection connection) =>
        exception is NpgsqlException && !IsInsufficientResources(exception) && (connection.FullState.HasFlag(System.Data.ConnectionState.Broken) || connection.State == System.Data.ConnectionState.Closed
            || exception is PostgresException { SqlState: PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow });
}
