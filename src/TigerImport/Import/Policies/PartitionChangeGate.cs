using Npgsql;
using TigerImport.Catalog;
using TigerImport.Database;
using TigerImport.Load;

namespace TigerImport.Import.Policies;

/// <summary>
/// Beside the row-count share (<see cref="QualityGates"/>' <c>min-share</c>), a new partition is compared with the
/// published one it replaces: the share of the old keys it still has (<c>key-share</c>), its total area
/// (<c>area-share</c>, polygon layers) and its extent (<c>extent-moved</c>: the boxes overlap by less than half their
/// union). A partition that loses half its keys, halves or doubles its area or moves its extent is refused unless
/// <c>--allow-change</c> says it is a real change (a new plan of districts is not: its keys stay).
/// </summary>
internal static class PartitionChangeGate
{
    public static async Task CheckAsync(NpgsqlConnection connection, StagingTable staging, IReadOnlyList<string> files, ImportOptions options, CancellationToken cancellationToken)
    {
        var target = staging.Target;
        var published = Sql.Qualified(target.Schema, target.PartitionTable(staging.Part));
        if (options.AllowChange || !await Db.ExistsAsync(connection, published, cancellationToken))
        {
            return;
        }

        var share = options.MinSharePercent;
        if (target.KeyColumn(staging.ColumnTypes.Keys) is { } key)
        {
            var k = Sql.Identifier(key);
            var kept = await Db.ScalarAsync<string>(
                connection,
                $"SELECT format('%s %s', count(DISTINCT p.{k}), count(DISTINCT p.{k}) FILTER (WHERE EXISTS (SELECT 1 FROM {staging.Qualified} s WHERE s.{k} = p.{k}))) FROM {published} p",
                cancellationToken);
            var parts = kept!.Split(' ');
            var (before, common) = (long.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
            if (before > 0 && common * 100 < before * share)
            {
                throw Failed(staging, files, "key-share", $"it keeps {common} of the {before} {key} values of the partition it replaces, less than {share}% (another state's file, or another vintage's?)");
            }
        }

        var g = Sql.Identifier(LayerTarget.GeometryColumn);
        if (target.Vintage.Layer.Geometry == LayerGeometry.MultiPolygon)
        {
            var ratio = await Db.ScalarAsync<double?>(
                connection,
                $"SELECT (SELECT sum(ST_Area({g})) FROM {staging.Qualified}) / NULLIF((SELECT sum(ST_Area({g})) FROM {published}), 0)",
                cancellationToken);
            if (ratio is { } r && (r * 100 < share || r * share > 100))
            {
                throw Failed(staging, files, "area-share", FormattableString.Invariant($"its total area is {r:0.###} times that of the partition it replaces, beyond the {share}% share either way"));
            }
        }

        var overlap = await Db.ScalarAsync<double?>(
            connection,
            $"""
            WITH a AS (SELECT ST_Envelope(ST_Extent({g})::geometry) AS b FROM {staging.Qualified}),
                 p AS (SELECT ST_Envelope(ST_Extent({g})::geometry) AS b FROM {published})
            SELECT ST_Area(ST_Intersection(a.b, p.b)) / NULLIF(ST_Area(ST_Envelope(ST_Collect(a.b, p.b))), 0) FROM a, p
            """,
            cancellationToken);
        if (overlap is { } o && o < 0.5)
        {
            throw Failed(staging, files, "extent-moved", FormattableString.Invariant($"its extent overlaps that of the partition it replaces by {o:P0} of their union (moved coordinates?)"));
        }
    }

    private static TigerImportException Failed(StagingTable staging, IReadOnlyList<string> files, string gate, string detail) => new(
        FailureKind.Data,
        $"quality gate '{gate}' failed for {staging.Target.Schema}.{staging.Target.Table} partition {staging.Part} ({string.Join(", ", files)}): {detail}; --allow-change publishes it anyway. Nothing of the layer was published.");
}
