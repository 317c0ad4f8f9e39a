using Npgsql;

namespace TigerImport.Pipeline;

/// <summary>The one place that decides whose failure an exception is; null means a bug, which is not caught.</summary>
public static class Failures
{
    public static FailureKind? Classify(Exception exception) => exception switch
    {
        TigerImportException known => known.Kind,
        NpgsqlException => FailureKind.Database,
        _ => null,
    };

    /// <summary>
    /// A failure in an operator's words: for PostgreSQL, the server's own message and SQLSTATE (e.g. "terminating
    /// connection due to administrator command (57P01)") rather than the socket error the client saw last.
    /// </summary>
    public static string Describe(Exception exception) => exception switch
    {
        PostgresException server => $"PostgreSQL: {server.MessageText} (SQLSTATE {server.SqlState})",
        NpgsqlException { InnerException: PostgresException server } => $"PostgreSQL: {server.MessageText} (SQLSTATE {server.SqlState})",
        NpgsqlException { InnerException: { } inner } => $"{exception.Message} ({inner.Message})",
        _ => exception.Message,
    };

    /// <summary>True when the connection itself was lost (killed, server restart, network), so the work can be redone on a new one.</summary>
    public static bool IsConnectionLost(Exception exception, NpgsqlConnection connection) =>
        exception is NpgsqlException && (connection.FullState.HasFlag(System.Data.ConnectionState.Broken) || connection.State == System.Data.ConnectionState.Closed
            || exception is PostgresException { SqlState: PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow });
}
