using Npgsql;
using TigerImport.Catalog;
using TigerImport.Database;

namespace TigerImport.Operations.Status;

/// <summary>
/// Runs <c>tigerimport status</c>: what is published, from the partition bookkeeping and the run journal (for the
/// source), and whether each partition's backup table exists. Reads only: no bootstrap, no journal row.
/// </summary>
public sealed class StatusReader(NpgsqlDataSource dataSource)
{
    /// <param name="year">Only this vintage; null for all.</param>
    /// <param name="layers">Only these layers; null for all.</param>
    public async Task<IReadOnlyList<LayerStatus>> ReadAsync(string schema, int? year, IReadOnlyList<TigerLayer>? layers, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var partitionsTable = TigerTables.PartitionsIn(schema);
        if (!await Db.ExistsAsync(connection, partitionsTable, cancellationToken))
        {
            return [];
        }

        var rows = await Db.ReadAsync(
            connection,
            $"""
            SELECT p.layer, p.year, p.part, p.features, p.rejected, coalesce(jsonb_array_length(p.lineage), cardinality(p.files)), p.run_id, p.loaded_at, r.request->>'source', p.plan::text
            FROM {partitionsTable} p LEFT JOIN {TigerTables.RunsIn(schema)} r ON r.run_id = p.run_id
            WHERE p.slot = 'published' AND ($1::integer IS NULL OR p.year = $1) AND ($2::text[] IS NULL OR p.layer = ANY($2))
            ORDER BY p.layer, p.year, p.part
            """,
            reader => (Layer: reader.GetString(0), Year: reader.GetInt32(1), Part: reader.GetString(2), Status: new PartitionStatus(
                reader.GetString(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt32(5), reader.GetGuid(6),
                reader.GetFieldValue<DateTimeOffset>(7), reader.IsDBNull(8) ? null : reader.GetString(8), HasBackup: false)
            {
                Plan = reader.IsDBNull(9) ? null : System.Text.Json.JsonSerializer.Deserialize<DistrictPlan>(reader.GetString(9), PlanJson),
            }),
            cancellationToken,
            year,
            layers?.Select(l => l.Key).ToArray());

        var layersStatus = new List<LayerStatus>();
        foreach (var group in rows.GroupBy(r => (r.Layer, r.Year)))
        {
            var target = new LayerTarget(schema, TigerLayers.TryFind(group.Key.Layer, out var layer) ? layer.InYear(group.Key.Year) : throw new InvalidOperationException($"Unknown layer {group.Key.Layer} in {partitionsTable}."), 0);
            var partitions = new List<PartitionStatus>();
            foreach (var (_, _, part, status) in group)
            {
                var backup = Sql.Qualified(target.BackupSchema, target.PartitionTable(part));
                partitions.Add(status with { HasBackup = await Db.ExistsAsync(connection, backup, cancellationToken) });
            }

            layersStatus.Add(new LayerStatus(group.Key.Layer, group.Key.Year, $"{target.Schema}.{target.Table}", partitions));
        }

        return layersStatus;
    }

    /// <summary>The plan's JSON as the bookkeeping writes it (camelCase).</summary>
    private static readonly System.Text.Json.JsonSerializerOptions PlanJson = new(System.Text.Json.JsonSerializerDefaults.Web);
}
