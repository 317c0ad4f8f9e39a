using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Npgsql;
using TigerImport.Catalog;

namespace TigerImport.Database;

/// <summary>
/// Records each run in <c>{schema}.tiger_runs</c> (osm2pgsql keeps its run properties in the database too). A running
/// run holds a session advisory lock named after its id on a connection of its own, which PostgreSQL releases when
/// the process dies however it dies (SIGKILL, OOM kill); so a 'running' row whose lock is free belongs to a process
/// that is gone, and every run marks such rows 'abandoned' when it begins.
/// </summary>
public sealed class RunJournal(NpgsqlDataSource dataSource, string schema, Guid runId, ILogger logger) : IAsyncDisposable
{
    private NpgsqlConnection? lease;

    private string Runs => TigerTables.RunsIn(schema);

    /// <summary>Bootstraps the schema (PostGIS, tables), takes the run's lease, records the run as running, and closes abandoned runs.</summary>
    public async Task BeginAsync(string command, string? source, ImportRequest request, int srid, CancellationToken cancellationToken)
    {
        lease = await dataSource.OpenConnectionAsync(cancellationToken);
        await DatabaseBootstrap.EnsureAsync(lease, schema, cancellationToken);
        await Db.ExecuteAsync(lease, "SELECT pg_advisory_lock(hashtextextended($1, 0))", cancellationToken, LeaseKey(runId));
        var described = Describe(source, request, schema, srid);
        await Db.ExecuteAsync(
            lease,
            $"INSERT INTO {Runs} (run_id, command, status, request, worker_version) VALUES ($1, $2, 'running', $3::jsonb, $4)",
            cancellationToken,
            runId,
            command,
            described,
            WorkerVersion);
        await CloseAbandonedAsync(lease, cancellationToken);
    }

    /// <summary>
    /// The run's request as the journal keeps it (RunJson's camelCase shape), written directly: serializing an anonymous
    /// type by reflection cost tens of milliseconds of every run's start-up.
    /// </summary>
    internal static string Describe(string? source, ImportRequest request, string schema, int srid)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("source", source);
            json.WriteNumber("year", request.Year);
            WriteArray(json, "layers", request.Layers.Select(l => l.Key));
            WriteArray(json, "states", request.States?.Select(s => s.Fips));
            WriteArray(json, "counties", request.Counties);
            json.WriteString("schema", schema);
            json.WriteNumber("srid", srid);
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteArray(Utf8JsonWriter json, string name, IEnumerable<string>? values)
    {
        if (values is null)
        {
            json.WriteNull(name);
            return;
        }

        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    /// <summary>Records how the run ended, even when cancelled (with its own short deadline, not the run's token).</summary>
    /// <param name="summary">What an import did (the same document <c>--report</c> writes); null for a revert.</param>
    public async Task EndAsync<TSummary>(string status, TSummary? summary)
        where TSummary : class
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(deadline.Token);
            await Db.ExecuteAsync(
                connection, $"UPDATE {Runs} SET finished_at = now(), status = $2, summary = $3::jsonb WHERE run_id = $1", deadline.Token, runId, status, summary is null ? DBNull.Value : JsonSerializer.Serialize(summary, RunJson.Options));
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException)
        {
            // The run's outcome is in the logs and the exit code; a database that went away cannot take it.
        }
    }

    /// <summary>The worker's version (the assembly's informational version, with the commit when built from git).</summary>
    public static string WorkerVersion { get; } =
        typeof(RunJournal).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>
    /// Records the exit code the process ends with on the run's row (there is none for a verb that writes nothing, or
    /// a run that never reached the database); best effort, like <see cref="EndAsync"/>.
    /// </summary>
    public static async Task RecordExitCodeAsync(NpgsqlDataSource dataSource, string schema, Guid runId, int exitCode)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(deadline.Token);
            var runs = TigerTables.RunsIn(schema);
            if (await Db.ExistsAsync(connection, runs, deadline.Token))
            {
                await Db.ExecuteAsync(connection, $"UPDATE {runs} SET exit_code = $2 WHERE run_id = $1", deadline.Token, runId, exitCode);
            }
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException)
        {
            // The exit code is in the log and the process status anyway.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (lease is null)
        {
            return;
        }

        // A pooled connection keeps its session (and the lock) until reused: release the lease now. A broken one is discarded.
        if (lease.State == System.Data.ConnectionState.Open)
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await Db.ExecuteAsync(lease, "SELECT pg_advisory_unlock(hashtextextended($1, 0))", deadline.Token, LeaseKey(runId));
            }
            catch (Exception e) when (e is NpgsqlException or OperationCanceledException)
            {
                // The session ends with the process at the latest.
            }
        }

        await lease.DisposeAsync();
    }

    private static string LeaseKey(Guid run) => $"tigerimport run {run}";

    /// <summary>Each other 'running' row whose lease can be taken has no process behind it: mark it abandoned, then let the lease go.</summary>
    private async Task CloseAbandonedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var running = await Db.ReadAsync(
            connection,
            $"SELECT run_id, command, started_at FROM {Runs} WHERE status = 'running' AND run_id <> $1",
            r => (RunId: r.GetGuid(0), Command: r.GetString(1), StartedAt: r.GetDateTime(2)),
            cancellationToken,
            runId);

        foreach (var run in running)
        {
            if (!await Db.ScalarAsync<bool>(connection, "SELECT pg_try_advisory_lock(hashtextextended($1, 0))", cancellationToken, LeaseKey(run.RunId)))
            {
                continue;
            }

            await Db.ExecuteAsync(
                connection, $"UPDATE {Runs} SET status = 'abandoned', finished_at = now() WHERE run_id = $1 AND status = 'running'", cancellationToken, run.RunId);
            await Db.ExecuteAsync(connection, "SELECT pg_advisory_unlock(hashtextextended($1, 0))", cancellationToken, LeaseKey(run.RunId));
            Log.RunAbandoned(logger, run.RunId, run.Command, run.StartedAt);
        }
    }
}
