using Microsoft.Extensions.Logging;
using Npgsql;
using TigerImport.Database;

namespace TigerImport.Publish;

/// <summary>
/// Drops the versions publishes moved to the backup schema, which otherwise double the disk a layer takes until its
/// next publish; after a prune, <c>revert</c> has nothing to restore for those partitions. Runs under the layer's lock.
/// </summary>
public static class BackupPruner
{
    /// <param name="parts">The partitions whose backups go; null for every one of the layer's.</param>
    /// <returns>The partitions whose backup was dropped.</returns>
    public static async Task<IReadOnlyList<string>> PruneAsync(
        NpgsqlConnection connection, LayerTarget target, IReadOnlyCollection<string>? parts, ILogger logger, CancellationToken cancellationToken)
    {
        var prefix = target.PartitionTable(string.Empty);
        var pruned = new List<string>();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var bookkeeping = new PartitionBookkeeping(connection, target);
        foreach (var name in await PgCatalog.PartitionTablesAsync(connection, target, target.BackupSchema, cancellationToken))
        {
            var part = name[prefix.Length..];
            if (parts is not null && !parts.Contains(part))
            {
                continue;
            }

            await Db.ExecuteAsync(connection, $"DROP TABLE {Sql.Qualified(target.BackupSchema, name)}", cancellationToken);
            await bookkeeping.RecordPruneAsync(part, cancellationToken);
            pruned.Add(part);
        }

        await transaction.CommitAsync(cancellationToken);
        if (pruned.Count > 0)
        {
            Log.BackupsPruned(logger, $"{target.Schema}.{target.Table}", pruned.Count, string.Join(",", pruned));
        }
        else
        {
            Log.NoBackupsToPrune(logger, $"{target.Schema}.{target.Table}");
        }

        return pruned;
    }
}
