using Microsoft.Extensions.Logging;
using Npgsql;

namespace TigerImport.Load;

/// <summary>
/// Builds the data source from <c>--connection</c>, else <c>DATABASE_URL</c>, else the standard <c>PG*</c> variables
/// (which Npgsql reads itself). Accepts a postgres:// URL or a key=value connection string.
/// </summary>
public static class DatabaseConnection
{
    public static NpgsqlDataSource Create(string? connection, ILoggerFactory loggerFactory, out string description)
    {
        var text = connection ?? Environment.GetEnvironmentVariable("DATABASE_URL");
        var builder = string.IsNullOrWhiteSpace(text) ? new NpgsqlConnectionStringBuilder()
            : text.Contains("://", StringComparison.Ordinal) ? FromUrl(text)
            : new NpgsqlConnectionStringBuilder(text);
        if (builder.Host is null && Environment.GetEnvironmentVariable("PGHOST") is null)
        {
            throw new TigerImportException(FailureKind.Usage, "No database given: set DATABASE_URL (postgres://user:password@host:5432/db), the PG* variables, or --connection.");
        }

        builder.ApplicationName ??= "tigerimport";

        // Index builds and ANALYZE on national layers take minutes: no statement timeout. Keepalives notice a dropped connection.
        builder.CommandTimeout = 0;
        builder.KeepAlive = 30;
        description = $"{builder.Host ?? Environment.GetEnvironmentVariable("PGHOST")}:{(builder.Port == 0 ? 5432 : builder.Port)}/{builder.Database ?? Environment.GetEnvironmentVariable("PGDATABASE")} as {builder.Username ?? Environment.GetEnvironmentVariable("PGUSER")}";
        return Build(builder.ConnectionString, loggerFactory);
    }

    /// <summary>A data source that reads and writes NetTopologySuite geometries (PostGIS binary).</summary>
    public static NpgsqlDataSource Build(string connectionString, ILoggerFactory loggerFactory)
    {
        var dataSource = new NpgsqlDataSourceBuilder(connectionString).UseLoggerFactory(loggerFactory);
        dataSource.UseNetTopologySuite();
        return dataSource.Build();
    }

    /// <summary>postgres://user:password@host:port/database?sslmode=require&amp;…; query keys are Npgsql or libpq names.</summary>
    public static NpgsqlConnectionStringBuilder FromUrl(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("postgres" or "postgresql"))
        {
            throw new TigerImportException(FailureKind.Usage, "DATABASE_URL must look like postgres://user:password@host:5432/database.");
        }

        var builder = new NpgsqlConnectionStringBuilder { Host = uri.Host };
        if (uri.Port > 0)
        {
            builder.Port = uri.Port;
        }

        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length > 0)
        {
            builder.Database = database;
        }

        var userInfo = uri.UserInfo.Split(':', 2);
        if (userInfo[0].Length > 0)
        {
            builder.Username = Uri.UnescapeDataString(userInfo[0]);
        }

        if (userInfo.Length == 2)
        {
            builder.Password = Uri.UnescapeDataString(userInfo[1]);
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            var key = Uri.UnescapeDataString(kv[0]);
            var value = kv.Length == 2 ? Uri.UnescapeDataString(kv[1]) : "";
            builder[key switch { "sslmode" => "SSL Mode", "application_name" => "Application Name", "connect_timeout" => "Timeout", _ => key }] = value;
        }

        return builder;
    }
}
