using System.Data;
using Npgsql;

namespace TigerImport.Database;

/// <summary>
/// Who may work on a layer at once. Runs that build different partitions (states) of one layer may overlap, so a full
/// vintage can fan out over several tasks; two runs on one partition would drop each other's staging table. A run on
/// partitions holds the layer's lock shared and each partition's lock exclusively; a run on the whole layer (revert
/// of every state) holds the layer's lock exclusively. Session advisory locks: released when the connection closes,
/// also when the process dies.
/// </summary>
internal static class LayerLock
{
    /// <summary>
    /// Takes the locks in a fixed order (layer, then partitions sorted), so two runs never wait on each other in a
    /// cycle, waiting up to <paramref name="wait"/> in all; then fails with a database error naming who holds them.
    /// </summary>
    public static async Task AcquireAsync(
        NpgsqlConnection connection, LayerTarget target, IReadOnlyCollection<string>? parts, TimeSpan wait, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + wait;
        try
        {
            if (parts is null)
            {
                await LockAsync(connection, "pg_advisory_lock", LayerKey(target), deadline, cancellationToken);
                return;
            }

            await LockAsync(connection, "pg_advisory_lock_shared", LayerKey(target), deadline, cancellationToken);
            foreach (var part in parts.Distinct().Order(StringComparer.Ordinal))
            {
                await LockAsync(connection, "pg_advisory_lock", PartitionKey(target, part), deadline, cancellationToken);
            }
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            var holders = await HoldersAsync(connection, target, parts, cancellationToken);
            throw new TigerImportException(
                FailureKind.Database,
                $"Another run is importing {(parts is null ? "" : $"partition(s) {string.Join(",", parts)} of ")}{target.Schema}.{target.Table} ({holders}); waited {wait.TotalSeconds:0} s (--lock-wait). Try again when it has finished.");
        }
        finally
        {
            // A connection lost meanwhile has nothing to reset (and its error is the one to report).
            if (connection.State == ConnectionState.Open)
            {
                await Db.ExecuteAsync(connection, "RESET lock_timeout", CancellationToken.None);
            }
        }
    }

    /// <summary>
    /// For a reader of several layers that must see none of them mid-import (the region sync): takes each layer's lock
    /// exclusively, in a fixed order, so it waits — up to <paramref name="wait"/> in all — for every run importing any
    /// of them to finish its publish, and holds them until <see cref="ReleaseAsync"/>; then fails (exit 5) naming who
    /// holds them. Layers not yet created need no lock, but are locked anyway (an import may be creating them).
    /// </summary>
    public static async Task AwaitImportsAsync(NpgsqlConnection connection, string schema, IEnumerable<string> tables, TimeSpan wait, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + wait;
        var keys = tables.Distinct().Order(StringComparer.Ordinal).Select(table => (Table: table, Key: $"tigerimport {schema}.{table}")).ToList();
        try
        {
            foreach (var (_, key) in keys)
            {
                await LockAsync(connection, "pg_advisory_lock", key, deadline, cancellationToken);
            }
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            var holders = await HoldersOfAsync(connection, keys.Select(k => k.Key).ToArray(), cancellationToken);
            throw new TigerImportException(
                FailureKind.Database,
                $"A run is importing {string.Join(" or ", keys.Select(k => $"{schema}.{k.Table}"))} ({holders}); waited {wait.TotalSeconds:0} s (--lock-wait) for its publish. Try again when it has finished.");
        }
        finally
        {
            if (connection.State == ConnectionState.Open)
            {
                await Db.ExecuteAsync(connection, "RESET lock_timeout", CancellationToken.None);
            }
        }
    }

    /// <summary>
    /// Releases every lock the session holds. A pooled connection keeps its session (and its locks) until reused, so
    /// a run lets go explicitly when it is done with a layer. A broken connection has lost its locks already.
    /// </summary>
    public static async Task ReleaseAsync(NpgsqlConnection connection)
    {
        if (connection.State != ConnectionState.Open)
        {
            return;
        }

        try
        {
            await Db.ExecuteAsync(connection, "SELECT pg_advisory_unlock_all()", CancellationToken.None);
        }
        catch (NpgsqlException)
        {
        }
    }

    /// <summary>
    /// Runs <paramref name="drop"/> (of a partition's leftover staging table) only while no other run holds that
    /// partition, holding its lock meanwhile; true when it ran. Session locks nest, so this run's own partitions pass.
    /// </summary>
    public static async Task<bool> UnlessInUseAsync(NpgsqlConnection connection, LayerTarget target, string part, Func<Task> drop)
    {
        var key = PartitionKey(target, part);
        if (!await Db.ScalarAsync<bool>(connection, "SELECT pg_try_advisory_lock(hashtextextended($1, 0))", CancellationToken.None, key))
        {
            return false;
        }

        try
        {
            await drop();
            return true;
        }
        finally
        {
            await Db.ExecuteAsync(connection, "SELECT pg_advisory_unlock(hashtextextended($1, 0))", CancellationToken.None, key);
        }
    }

    /// <summary>
    /// Inside a publish or revert transaction: one swap per layer at a time. Concurrent runs of different partitions
    /// would otherwise both create the table on its first publish, or add the same new column. Waits under the
    /// transaction's lock_timeout, like the swap's other locks, so the caller's retry covers it.
    /// </summary>
    public static Task PublishAsync(NpgsqlConnection connection, LayerTarget target, CancellationToken cancellationToken) =>
        Db.ExecuteAsync(connection, "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", cancellationToken, $"tigerimport publish {target.Schema}.{target.Table}");

    private static string LayerKey(LayerTarget target) => $"tigerimport {target.Schema}.{target.Table}";

    private static string PartitionKey(LayerTarget target, string part) => $"tigerimport {target.Schema}.{target.Table} {part}";

    private static async Task LockAsync(NpgsqlConnection connection, string function, string key, DateTime deadline, CancellationToken cancellationToken)
    {
        // lock_timeout 0 would mean "wait for ever": a spent budget still gets one immediate attempt.
        var remaining = Math.Max(1, (long)(deadline - DateTime.UtcNow).TotalMilliseconds);
        await Db.ExecuteAsync(connection, "SELECT set_config('lock_timeout', $1, false)", cancellationToken, $"{remaining}ms");
        await Db.ExecuteAsync(connection, $"SELECT {function}(hashtextextended($1, 0))", cancellationToken, key);
    }

    /// <summary>The sessions holding this layer's locks, for the operator: pid, client, and since when.</summary>
    private static async Task<string> HoldersAsync(NpgsqlConnection connection, LayerTarget target, IReadOnlyCollection<string>? parts, CancellationToken cancellationToken)
    {
        var keys = (parts ?? []).Select(p => PartitionKey(target, p)).Append(LayerKey(target)).ToArray();
        return await HoldersOfAsync(connection, keys, cancellationToken);
    }

    private static async Task<string> HoldersOfAsync(NpgsqlConnection connection, string[] keys, CancellationToken cancellationToken)
    {
        var holders = await Db.ScalarAsync<string>(
            connection,
            """
            SELECT string_agg(DISTINCT format('pid %s %s since %s', a.pid, coalesce(nullif(a.application_name, ''), a.client_addr::text, 'local'), date_trunc('second', a.backend_start)), '; ')
            FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND l.granted AND l.pid <> pg_backend_pid()
              AND ((l.classid::bigint << 32) | l.objid::bigint) IN (SELECT hashtextextended(k, 0) FROM unnest($1::text[]) k)
            """,
            cancellationToken,
            [keys]);
        return holders is null ? "it finished meanwhile" : $"held by {holders}";
    }
}
