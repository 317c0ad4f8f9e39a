using System.Text.Json;
using Npgsql;
using TigerImport.Database;

namespace TigerImport.Publish;

/// <summary>
/// Keeps <c>{schema}.tiger_partitions</c> in step with the tables, inside the rotation's transaction: one row per
/// partition for the published version and one for the backup.
/// </summary>
internal sealed class PartitionBookkeeping(NpgsqlConnection connection, LayerTarget target)
{
    private string Table => TigerTables.PartitionsIn(target.Schema);

    /// <param name="columns">The columns the partition's own staging table had before the publish reconciled it with the table's: what its rows need.</param>
    public async Task RecordPublishAsync(Guid runId, LoadedPartition partition, IReadOnlyCollection<string> columns, CancellationToken cancellationToken)
    {
        await MoveSlotAsync(partition.Part, "backup", null, cancellationToken);
        await MoveSlotAsync(partition.Part, "published", "backup", cancellationToken);
        await Db.ExecuteAsync(
            connection,
            $"""
            INSERT INTO {Table} (table_name, part, slot, layer, year, files, features, repaired, rejected, run_id, lineage, plan, columns)
                VALUES ($1, $2, 'published', $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11::jsonb, $12)
            """,
            cancellationToken,
            target.Table,
            partition.Part,
            target.Vintage.Layer.Key,
            target.Vintage.Year,
            partition.Files.ToArray(),
            partition.Features,
            partition.Repaired,
            partition.Rejected,
            runId,
            JsonSerializer.Serialize(partition.Lineage, Json),
            partition.Plan is null ? DBNull.Value : JsonSerializer.Serialize(partition.Plan, Json),
            columns.Order(StringComparer.Ordinal).ToArray());
    }

    /// <summary>
    /// The columns the published partitions' rows need (the union of what each partition's files brought), or null when
    /// a published partition was recorded by a worker that did not keep its columns (then nothing can be dropped).
    /// </summary>
    public async Task<IReadOnlySet<string>?> ColumnsNeededAsync(CancellationToken cancellationToken)
    {
        var rows = await Db.ReadAsync(
            connection,
            $"SELECT columns FROM {Table} WHERE table_name = $1 AND slot = 'published'",
            r => r.IsDBNull(0) ? null : r.GetFieldValue<string[]>(0),
            cancellationToken,
            target.Table);
        return rows.Count == 0 || rows.Any(r => r is null) ? null : rows.SelectMany(r => r!).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// Part → the file columns its published files brought (the table's own columns left out), null for a partition
    /// recorded by a worker that did not keep its columns. Empty before the first publish.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, IReadOnlySet<string>?>> PublishedColumnsAsync(
        NpgsqlConnection connection, LayerTarget target, CancellationToken cancellationToken)
    {
        var table = TigerTables.PartitionsIn(target.Schema);
        if (!await Db.ExistsAsync(connection, table, cancellationToken))
        {
            return new Dictionary<string, IReadOnlySet<string>?>(StringComparer.Ordinal);
        }

        var own = target.OwnColumns.ToHashSet(StringComparer.Ordinal);
        var rows = await Db.ReadAsync(
            connection,
            $"SELECT part, columns FROM {table} WHERE table_name = $1 AND slot = 'published'",
            r => (Part: r.GetString(0), Columns: r.IsDBNull(1) ? null : (IReadOnlySet<string>)r.GetFieldValue<string[]>(1).Where(c => !own.Contains(c)).ToHashSet(StringComparer.Ordinal)),
            cancellationToken,
            target.Table);
        return rows.ToDictionary(r => r.Part, r => r.Columns, StringComparer.Ordinal);
    }

    /// <summary>The lineage JSON's shape: camelCase, as the run journal writes.</summary>
    internal static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// The published partitions of a layer table: part → its files' lineage and row count. Empty before the first
    /// publish (or when the bookkeeping table does not exist yet: a plan on a fresh database writes nothing).
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, (IReadOnlyList<FileLineage> Lineage, long Features)>> PublishedAsync(
        NpgsqlConnection connection, LayerTarget target, CancellationToken cancellationToken)
    {
        var table = TigerTables.PartitionsIn(target.Schema);
        if (!await Db.ExistsAsync(connection, table, cancellationToken))
        {
            return new Dictionary<string, (IReadOnlyList<FileLineage>, long)>(StringComparer.Ordinal);
        }

        var rows = await Db.ReadAsync(
            connection,
            $"SELECT part, coalesce(lineage, '[]')::text, features FROM {table} WHERE table_name = $1 AND slot = 'published'",
            r => (Part: r.GetString(0), Lineage: (IReadOnlyList<FileLineage>)(JsonSerializer.Deserialize<List<FileLineage>>(r.GetString(1), Json) ?? []), Features: r.GetInt64(2)),
            cancellationToken,
            target.Table);
        return rows.ToDictionary(r => r.Part, r => (r.Lineage, r.Features), StringComparer.Ordinal);
    }

    /// <summary>Swaps the two rows, through a third slot name since (table, part, slot) is the primary key.</summary>
    public async Task RecordRevertAsync(string part, CancellationToken cancellationToken)
    {
        await MoveSlotAsync(part, "published", "reverting", cancellationToken);
        await MoveSlotAsync(part, "backup", "published", cancellationToken);
        await MoveSlotAsync(part, "reverting", "backup", cancellationToken);
    }

    /// <summary>Forgets a partition's backup, dropped by <see cref="BackupPruner"/>.</summary>
    public Task RecordPruneAsync(string part, CancellationToken cancellationToken) => MoveSlotAsync(part, "backup", null, cancellationToken);

    /// <summary>Renames a row's slot, or deletes the row when <paramref name="to"/> is null.</summary>
    private Task MoveSlotAsync(string part, string from, string? to, CancellationToken cancellationToken) => to is null
        ? Db.ExecuteAsync(connection, $"DELETE FROM {Table} WHERE table_name = $1 AND part = $2 AND slot = $3", cancellationToken, target.Table, part, from)
        : Db.ExecuteAsync(connection, $"UPDATE {Table} SET slot = $4 WHERE table_name = $1 AND part = $2 AND slot = $3", cancellationToken, target.Table, part, from, to);
}
