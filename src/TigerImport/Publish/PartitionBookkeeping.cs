using Npgsql;
using TigerImport.Load;

namespace TigerImport.Publish;

/// <summary>
/// Keeps <c>{schema}.tiger_partitions</c> in step with the tables, inside the rotation's transaction: one row per
/// partition for the published version and one for the backup.
/// </summary>
internal sealed class PartitionBookkeeping(NpgsqlConnection connection, LayerTarget target)
{
    private string Table => Sql.Qualified(target.Schema, "tiger_partitions");

    public Task RecordPublishAsync(Guid runId, PublishedPartition partition, CancellationToken cancellationToken) => Db.ExecuteAsync(
        connection,
        $"""
        DELETE FROM {Table} WHERE table_name = $1 AND part = $2 AND slot = 'backup';
        UPDATE {Table} SET slot = 'backup' WHERE table_name = $1 AND part = $2 AND slot = 'published';
        INSERT INTO {Table} (table_name, part, slot, layer, year, files, features, repaired, rejected, run_id)
            VALUES ($1, $2, 'published', $3, $4, $5, $6, $7, $8, $9);
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
        runId);

    public Task RecordRevertAsync(string part, CancellationToken cancellationToken) => Db.ExecuteAsync(
        connection,
        $"""
        UPDATE {Table} SET slot = 'reverting' WHERE table_name = $1 AND part = $2 AND slot = 'published';
        UPDATE {Table} SET slot = 'published' WHERE table_name = $1 AND part = $2 AND slot = 'backup';
        UPDATE {Table} SET slot = 'backup' WHERE table_name = $1 AND part = $2 AND slot = 'reverting';
        """,
        cancellationToken,
        target.Table,
        part);
}
