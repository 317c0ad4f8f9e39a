using Microsoft.Extensions.Logging;
using Npgsql;
using TigerImport.Catalog;
using TigerImport.Database;
using TigerImport.Geometry;
using TigerImport.Load;

namespace TigerImport.Import.Policies;

/// <summary>
/// Beside the row-count share (<see cref="QualityGates"/>' <c>min-share</c>), a new partition is compared with the
/// published one it replaces: the share of the old keys it still has (<c>key-share</c>), its total area
/// (<c>area-share</c>, polygon layers: the area of the features both versions have) and its extent (<c>extent-moved</c>: less than half of its extent lies within the old
/// one's). A partition that loses half its keys, halves or doubles its area or moves its extent is refused unless
/// <c>--allow-change</c> says it is a real change (a new plan of districts is not: its keys stay); <c>--allow-shrink</c>,
/// which accepts a smaller partition, accepts the keys it loses with it. <c>shape-moved</c> compares the shapes key by
/// key (layers with a unique key and a geometry): a key moved when the old shape's point on surface is not on its new
/// shape; more than <see cref="MovedPercent"/>% (and more than <see cref="MovedKeys"/>) moved keys is refused. It
/// catches what the totals cannot: rows rotated against their shapes (cartographic files too, which carry no internal
/// point), keys rotated among shapes, a consistent shift of a fraction of the extent.
/// </summary>
internal static class PartitionChangeGate
{
    /// <summary>The share of shared keys whose shape may move before <c>shape-moved</c> refuses the partition.</summary>
    public const int MovedPercent = 10;

    /// <summary>How many moved keys are always accepted (a small partition's few real redraws).</summary>
    public const int MovedKeys = 2;

    /// <summary>How far (degrees, about 1 m) the old point on surface may lie from the new shape in a geographic SRID.</summary>
    public const double DegreesTolerance = 1e-5;

    /// <summary>The same in a projected SRID (3857, 5070: metres).</summary>
    public const double MetresTolerance = 1;

    public static async Task CheckAsync(NpgsqlConnection connection, StagingTable staging, IReadOnlyList<string> files, ImportOptions options, ILogger logger, CancellationToken cancellationToken)
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
            if (!options.AllowShrink && before > 0 && common * 100 < before * share)
            {
                throw Failed(staging, files, "key-share", $"it keeps {common} of the {before} {key} values of the partition it replaces, less than {share}% (another state's file, or another vintage's?)");
            }
        }

        var g = Sql.Identifier(LayerTarget.GeometryColumn);
        if (target.Vintage.Layer.Geometry == LayerGeometry.MultiPolygon && target.KeyColumn(staging.ColumnTypes.Keys) is { } shared)
        {
            // The features both versions have: losing features is min-share's and key-share's, moved or faked shapes this one's.
            var c = Sql.Identifier(shared);
            var ratio = await Db.ScalarAsync<double?>(
                connection,
                $"""
                SELECT (SELECT sum(ST_Area(s.{g})) FROM {staging.Qualified} s WHERE EXISTS (SELECT 1 FROM {published} p WHERE p.{c} = s.{c}))
                     / NULLIF((SELECT sum(ST_Area(p.{g})) FROM {published} p WHERE EXISTS (SELECT 1 FROM {staging.Qualified} s WHERE s.{c} = p.{c})), 0)
                """,
                cancellationToken);
            if (ratio is { } r && (r * 100 < share || r * share > 100))
            {
                throw Failed(staging, files, "area-share", FormattableString.Invariant($"the features it shares with the partition it replaces have {r:0.###} times their area there, beyond the {share}% share either way (moved or faked shapes?)"));
            }
        }

        if (!target.HasGeometry)
        {
            // An attribute-only table: key-share and min-share are its change gates (LayerImporter logs it once).
            return;
        }

        var overlap = await Db.ScalarAsync<double?>(
            connection,
            $"""
            WITH a AS (SELECT ST_Envelope(ST_Extent({g})::geometry) AS b FROM {staging.Qualified}),
                 p AS (SELECT ST_Envelope(ST_Extent({g})::geometry) AS b FROM {published})
            SELECT ST_Area(ST_Intersection(a.b, p.b)) / NULLIF(ST_Area(a.b), 0) FROM a, p
            """,
            cancellationToken);
        if (overlap is { } o && o < 0.5)
        {
            throw Failed(staging, files, "extent-moved", FormattableString.Invariant($"only {o:P0} of its extent lies within that of the partition it replaces (moved coordinates?)"));
        }

        await CheckMovedAsync(connection, staging, files, published, logger, cancellationToken);
    }

    /// <summary>
    /// <c>shape-moved</c>: for each key both versions have, is the old shape's point on surface (an interior point of a
    /// polygon, a vertex of a line) on the new shape? One hash join on the key, one point-in-shape test per key.
    /// </summary>
    private static async Task CheckMovedAsync(NpgsqlConnection connection, StagingTable staging, IReadOnlyList<string> files, string published, ILogger logger, CancellationToken cancellationToken)
    {
        var target = staging.Target;
        if (!target.Vintage.Layer.KeyIsUnique || target.KeyColumn(staging.ColumnTypes.Keys) is not { } key)
        {
            return;
        }

        var (k, g) = (Sql.Identifier(key), Sql.Identifier(LayerTarget.GeometryColumn));
        var tolerance = target.Srid is SpatialReferences.WebMercator or SpatialReferences.ConusAlbers ? MetresTolerance : DegreesTolerance;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var result = await Db.ScalarAsync<string>(
            connection,
            FormattableString.Invariant($"""
            WITH m AS (
                SELECT p.{k}::text AS key, NOT ST_DWithin(ST_PointOnSurface(p.{g}), s.{g}, {tolerance}) AS moved
                FROM {published} p JOIN {staging.Qualified} s ON s.{k} = p.{k}
                WHERE NOT ST_IsEmpty(p.{g}) AND NOT ST_IsEmpty(s.{g}))
            SELECT count(*) || ' ' || count(*) FILTER (WHERE moved) || ' '
                   || coalesce(array_to_string((array_agg(key ORDER BY key) FILTER (WHERE moved))[1:3], ', '), '')
            FROM m
            """),
            cancellationToken);
        var parts = result!.Split(' ', 3);
        var (common, moved) = (long.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
        Log.ShapesCompared(logger, $"{target.Schema}.{target.Table}", staging.Part, moved, common, (long)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        if (moved > MovedKeys && moved * 100 > common * MovedPercent)
        {
            throw Failed(staging, files, "shape-moved", FormattableString.Invariant($"the shapes of {moved} of the {common} {key} values it shares with the partition it replaces moved (more than {MovedPercent}%: the old shape's point on surface is not on the new one; first: {parts[2]}): rows rotated against their shapes, keys swapped, or moved coordinates?"));
        }
    }

    private static TigerImportException Failed(StagingTable staging, IReadOnlyList<string> files, string gate, string detail) => new(
        FailureKind.Data,
        $"quality gate '{gate}' failed for {staging.Target.Schema}.{staging.Target.Table} partition {staging.Part} ({string.Join(", ", files)}): {detail}; --allow-change publishes it anyway. Nothing of the layer was published.");
}
