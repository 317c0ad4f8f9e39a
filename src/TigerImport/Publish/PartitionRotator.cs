using Microsoft.Extensions.Logging;
using Npgsql;
using Polly;
using Polly.Retry;
using TigerImport.Database;

namespace TigerImport.Publish;

/// <summary>
/// Swaps partitions of a published table in one short transaction, like imposm3's rotate(source, dest, backup) but at
/// partition level: the published table itself is never replaced, so views that depend on it and grants on it survive.
/// Publish moves staging → published and published → backup; revert is the same rotation starting from the backup.
/// </summary>
public sealed class PartitionRotator(ILogger logger)
{
    /// <summary>
    /// How long one swap attempt may wait for readers' locks (DETACH needs ACCESS EXCLUSIVE on the table). While it
    /// waits, every new reader of the table queues behind it, so this bounds how long the app's queries can stall: well
    /// under a second. A swap behind a long query gives way (the queued readers run) and tries again.
    /// </summary>
    internal static readonly TimeSpan LockTimeout = TimeSpan.FromMilliseconds(400);

    /// <summary>How long a swap keeps trying, in short attempts, before it fails naming the blockers (exit 5).</summary>
    internal static readonly TimeSpan SwapPatience = TimeSpan.FromMinutes(2);

    /// <summary>Between attempts: enough for the readers queued behind the last one to run, short enough to catch a gap.</summary>
    internal static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(600);

    private readonly ResiliencePipeline retry = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder()
                .Handle<PostgresException>(e => e.SqlState is PostgresErrorCodes.DeadlockDetected)
                .Handle<TigerImportException>(e => e.InnerException is PostgresException { SqlState: PostgresErrorCodes.LockNotAvailable }),
            MaxRetryAttempts = (int)(SwapPatience / (LockTimeout + RetryDelay)),
            BackoffType = DelayBackoffType.Constant,
            UseJitter = true,
            Delay = RetryDelay,
            OnRetry = args =>
            {
                Log.SwapRetry(logger, args.AttemptNumber + 1, args.RetryDelay.TotalMilliseconds, args.Outcome.Exception?.Message);
                return ValueTask.CompletedTask;
            },
        })
        .Build();

    /// <summary>Publishes staged partitions of one layer together: readers see all of them change at once, or none.</summary>
    public async Task PublishAsync(NpgsqlConnection connection, LayerTarget target, Guid runId, IReadOnlyList<LoadedPartition> partitions, CancellationToken cancellationToken)
    {
        await retry.ExecuteAsync(
            token => NamingBlockersAsync(connection, target, async () =>
            {
                await using var transaction = await BeginAsync(connection, target, token);
                var own = new Dictionary<string, IReadOnlyCollection<string>>(StringComparer.Ordinal);
                foreach (var partition in partitions)
                {
                    own[partition.Part] = (await PgCatalog.ColumnTypesAsync(connection, target.StagingSchema, target.PartitionTable(partition.Part), token)).Keys.ToList();
                }

                await PublishedTable.ReconcileAsync(connection, target, partitions.Select(p => p.Part).ToList(), token);
                var bookkeeping = new PartitionBookkeeping(connection, target);
                foreach (var partition in partitions)
                {
                    await RotateInAsync(connection, target, partition.Part, token);
                    await bookkeeping.RecordPublishAsync(runId, partition, own[partition.Part], token);
                }

                await transaction.CommitAsync(token);
            }, token),
            cancellationToken);
        await AnalyzeAsync(connection, target, cancellationToken);
    }

    /// <summary>Restores the previous version of each partition that has one; returns the parts reverted.</summary>
    public async Task<IReadOnlyList<string>> RevertAsync(NpgsqlConnection connection, LayerTarget target, IReadOnlyCollection<string>? parts, CancellationToken cancellationToken)
    {
        var reverted = new List<string>();
        await retry.ExecuteAsync(
            token => NamingBlockersAsync(connection, target, async () =>
            {
                reverted.Clear();
                await using var transaction = await BeginAsync(connection, target, token);
                var bookkeeping = new PartitionBookkeeping(connection, target);
                foreach (var part in await BackedUpPartsAsync(connection, target, token))
                {
                    if (parts is not null && !parts.Contains(part))
                    {
                        continue;
                    }

                    var name = target.PartitionTable(part);
                    await Db.ExecuteAsync(
                        connection,
                        $"DROP TABLE IF EXISTS {Sql.Qualified(target.StagingSchema, name)}; ALTER TABLE {Sql.Qualified(target.BackupSchema, name)} SET SCHEMA {Sql.Identifier(target.StagingSchema)}",
                        token);

                    // A publish since the backup may have added columns to the table: the backup must have them to attach.
                    await PublishedTable.ReconcileAsync(connection, target, [part], token);
                    await RotateInAsync(connection, target, part, token);
                    await bookkeeping.RecordRevertAsync(part, token);
                    reverted.Add(part);
                }

                if (reverted.Count > 0 && await bookkeeping.ColumnsNeededAsync(token) is { } needed)
                {
                    // A reverted publish may have added columns (allowed drift): the table gets back the columns it had.
                    await PublishedTable.DropColumnsNotNeededAsync(connection, transaction, target, needed, logger, token);
                }

                await transaction.CommitAsync(token);
            }, token),
            cancellationToken);
        if (reverted.Count > 0)
        {
            await AnalyzeAsync(connection, target, cancellationToken);
        }

        return reverted;
    }

    /// <summary>
    /// Runs one swap attempt; when it times out waiting for a lock, names the sessions holding locks on the table or
    /// its partitions (pid, user, application, state, since when) in the log and in the error, so an operator knows
    /// whose long query to look at.
    /// </summary>
    private async ValueTask NamingBlockersAsync(NpgsqlConnection connection, LayerTarget target, Func<Task> attempt, CancellationToken cancellationToken)
    {
        try
        {
            await attempt();
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.LockNotAvailable)
        {
            var blockers = await BlockersAsync(connection, target, cancellationToken);
            Log.PublishBlocked(logger, $"{target.Schema}.{target.Table}", blockers);
            throw new TigerImportException(
                FailureKind.Database, $"{target.Schema}.{target.Table} could not be locked for the swap (attempts of {LockTimeout.TotalMilliseconds:0} ms each, for up to {SwapPatience.TotalSeconds:0} s, so the app's readers never wait long behind the swap); held by {blockers}", e);
        }
    }

    private static async Task<string> BlockersAsync(NpgsqlConnection connection, LayerTarget target, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT string_agg(format('session pid %s (user %s, application_name %s, %s, query started %s)',
                       a.pid, a.usename, coalesce(nullif(a.application_name, ''), '-'), a.state, to_char(a.query_start AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')), '; ' ORDER BY a.query_start)
            FROM pg_stat_activity a
            WHERE a.pid <> pg_backend_pid() AND a.pid IN (
                SELECT l.pid FROM pg_locks l
                WHERE l.granted AND l.relation IN (SELECT to_regclass($1) UNION ALL SELECT inhrelid FROM pg_inherits WHERE inhparent = to_regclass($1)))
            """;
        return await Db.ScalarAsync<string>(connection, sql, cancellationToken, target.QualifiedTable) ?? "a session that has since finished";
    }

    private static async Task<NpgsqlTransaction> BeginAsync(NpgsqlConnection connection, LayerTarget target, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            await Db.ExecuteAsync(connection, $"SET LOCAL lock_timeout = '{(int)LockTimeout.TotalMilliseconds}ms'", cancellationToken);
            await LayerLock.PublishAsync(connection, target, cancellationToken);
            return transaction;
        }
        catch
        {
            // Not handed to the caller's using yet: roll back here, or the blockers query (and the retry) would run in
            // an aborted transaction (25P02) while another run's publish holds the layer's publish lock.
            await transaction.DisposeAsync();
            throw;
        }
    }

    /// <summary>staging.X → published (attached), and the published X, if any, → backup (replacing the older backup).</summary>
    private static async Task RotateInAsync(NpgsqlConnection connection, LayerTarget target, string part, CancellationToken cancellationToken)
    {
        var name = target.PartitionTable(part);
        var published = Sql.Qualified(target.Schema, name);
        var isAttached = await Db.ScalarAsync<bool>(
            connection,
            "SELECT EXISTS (SELECT 1 FROM pg_inherits WHERE inhrelid = to_regclass($1) AND inhparent = to_regclass($2))",
            cancellationToken,
            published,
            target.QualifiedTable);
        var sql = isAttached
            ? $"""
              ALTER TABLE {target.QualifiedTable} DETACH PARTITION {published};
              DROP TABLE IF EXISTS {Sql.Qualified(target.BackupSchema, name)};
              ALTER TABLE {published} SET SCHEMA {Sql.Identifier(target.BackupSchema)};
              """
            : $"DROP TABLE IF EXISTS {published};";
        sql += $"""

            ALTER TABLE {Sql.Qualified(target.StagingSchema, name)} SET SCHEMA {Sql.Identifier(target.Schema)};
            ALTER TABLE {target.QualifiedTable} ATTACH PARTITION {published} FOR VALUES IN ({Sql.Literal(part)});
            """;
        await Db.ExecuteAsync(connection, sql, cancellationToken);
    }

    private static async Task<IReadOnlyList<string>> BackedUpPartsAsync(NpgsqlConnection connection, LayerTarget target, CancellationToken cancellationToken)
    {
        var prefix = target.PartitionTable(string.Empty);
        return (await PgCatalog.PartitionTablesAsync(connection, target, target.BackupSchema, cancellationToken)).Select(name => name[prefix.Length..]).ToList();
    }

    /// <summary>
    /// Autovacuum never analyzes a partitioned parent, and the planner uses its statistics for joins across states.
    /// Each partition was analyzed in staging, so on PostgreSQL 17+ only the parent's own sample is taken
    /// (<c>ANALYZE ONLY</c>). Before 17, ANALYZE of a parent also re-analyzes every partition, a cost that grows with
    /// the table (every state's EDGES for a one-state rerun): it is left to the operator there (docs/benchmarks.md).
    /// </summary>
    private static Task AnalyzeAsync(NpgsqlConnection connection, LayerTarget target, CancellationToken cancellationToken) =>
        connection.PostgreSqlVersion.Major >= 17
            ? Db.ExecuteAsync(connection, $"ANALYZE ONLY {target.QualifiedTable}", cancellationToken)
            : Task.CompletedTask;
}
