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
/// shape or its bounding box moved (<see cref="BoxOverlap"/>); more than <see cref="MovedPercent"/>% (and more than
/// <see cref="MovedKeys"/>) moved keys is refused, and <c>shape-swapped</c> and <c>shape-shifted</c> refuse any key whose
/// new shape took another key's place or is its old one moved whole. They catch what the totals cannot: rows rotated or swapped against their shapes (cartographic
/// files too, which carry no internal point), keys rotated among shapes, a consistent shift of a fraction of the extent.
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

    /// <summary>
    /// A key moved when its old and new bounding boxes overlap by less than this share of their union: Rhode Island
    /// shifted 0.3° east in a national STATE file keeps its old point inside (overlap 0.46), a real republish overlaps by 1.
    /// </summary>
    public const double BoxOverlap = 0.8;

    /// <summary>Degrees (about 100 m) each bounding box is widened by before the overlap, so a line's or a point's has an area.</summary>
    public const double DegreesBoxMargin = 1e-3;

    /// <summary>The same in a projected SRID (metres).</summary>
    public const double MetresBoxMargin = 100;

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
    /// <c>shape-moved</c>: for each key both versions have, did its shape move? It did when the old shape's point on
    /// surface (an interior point of a polygon, a vertex of a line) is not on the new shape, or when the old and new
    /// bounding boxes (each widened by <see cref="DegreesBoxMargin"/> or <see cref="MetresBoxMargin"/>, so a line's or a
    /// point's has an area) overlap by less than <see cref="BoxOverlap"/> of their union: a shift that keeps the old
    /// point inside. <c>shape-swapped</c>: a key whose old point is off its new shape, which now covers the old point of
    /// another key that its old shape did not, took another key's place (rows swapped or rotated against their shapes):
    /// one such key is refused, whatever the share; so is one whose new shape is its old one moved whole
    /// (<c>shape-shifted</c>: no redraw translates a shape, a shifted coordinate does). One hash join on the key, one
    /// point-in-shape test per key, an index probe of the published shapes per key whose point moved and a Hausdorff
    /// distance per moved key.
    /// </summary>
    private static async Task CheckMovedAsync(NpgsqlConnection connection, StagingTable staging, IReadOnlyList<string> files, string published, ILogger logger, CancellationToken cancellationToken)
    {
        var target = staging.Target;
        if (!target.Vintage.Layer.KeyIsUnique || target.KeyColumn(staging.ColumnTypes.Keys) is not { } key)
        {
            return;
        }

        var (k, g) = (Sql.Identifier(key), Sql.Identifier(LayerTarget.GeometryColumn));
        var projected = target.Srid is SpatialReferences.WebMercator or SpatialReferences.ConusAlbers;
        var (tolerance, margin) = projected ? (MetresTolerance, MetresBoxMargin) : (DegreesTolerance, DegreesBoxMargin);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var rows = await Db.ReadAsync(
            connection,
            FormattableString.Invariant($"""
            WITH b AS (
                SELECT p.{k}::text AS key, p.{g} AS old_shape, s.{g} AS new_shape,
                       NOT ST_DWithin(ST_PointOnSurface(p.{g}), s.{g}, {tolerance}) AS off,
                       ST_Expand(Box2D(p.{g}), {margin}) AS ob, ST_Expand(Box2D(s.{g}), {margin}) AS nb
                FROM {published} p JOIN {staging.Qualified} s ON s.{k} = p.{k}
                WHERE NOT ST_IsEmpty(p.{g}) AND NOT ST_IsEmpty(s.{g})),
            o AS (
                SELECT b.*, off OR greatest(0, least(ST_XMax(ob), ST_XMax(nb)) - greatest(ST_XMin(ob), ST_XMin(nb)))
                                    * greatest(0, least(ST_YMax(ob), ST_YMax(nb)) - greatest(ST_YMin(ob), ST_YMin(nb)))
                                    < {BoxOverlap} / (1 + {BoxOverlap}) * ((ST_XMax(ob) - ST_XMin(ob)) * (ST_YMax(ob) - ST_YMin(ob)) + (ST_XMax(nb) - ST_XMin(nb)) * (ST_YMax(nb) - ST_YMin(nb))) AS moved
                FROM b),
            m AS (
                SELECT key, moved,
                       CASE WHEN off THEN EXISTS (
                           SELECT 1 FROM {published} q
                           WHERE q.{g} && ST_Expand(new_shape, {tolerance}) AND q.{k}::text <> key
                             AND ST_DWithin(ST_PointOnSurface(q.{g}), new_shape, {tolerance})
                             AND NOT ST_DWithin(ST_PointOnSurface(q.{g}), old_shape, {tolerance})) ELSE false END AS swapped,
                       CASE WHEN moved THEN ST_HausdorffDistance(ST_Translate(old_shape, ST_XMin(nb) - ST_XMin(ob), ST_YMin(nb) - ST_YMin(ob)), new_shape) <= {tolerance} ELSE false END AS shifted
                FROM o)
            SELECT count(*), count(*) FILTER (WHERE moved), count(*) FILTER (WHERE swapped), count(*) FILTER (WHERE shifted),
                   coalesce(array_to_string((array_agg(key ORDER BY key) FILTER (WHERE moved))[1:3], ', '), ''),
                   coalesce(array_to_string((array_agg(key ORDER BY key) FILTER (WHERE swapped))[1:3], ', '), ''),
                   coalesce(array_to_string((array_agg(key ORDER BY key) FILTER (WHERE shifted))[1:3], ', '), '')
            FROM m
            """),
            r => (Common: r.GetInt64(0), Moved: r.GetInt64(1), Swapped: r.GetInt64(2), Shifted: r.GetInt64(3), FirstMoved: r.GetString(4), FirstSwapped: r.GetString(5), FirstShifted: r.GetString(6)),
            cancellationToken);
        var (common, moved, swapped, shifted, firstMoved, firstSwapped, firstShifted) = rows[0];
        Log.ShapesCompared(logger, $"{target.Schema}.{target.Table}", staging.Part, moved, common, (long)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        if (moved > MovedKeys && moved * 100 > common * MovedPercent)
        {
            throw Failed(staging, files, "shape-moved", FormattableString.Invariant($"the shapes of {moved} of the {common} {key} values it shares with the partition it replaces moved (more than {MovedPercent}%: the old shape's point on surface is not on the new one, or the two bounding boxes overlap by less than {BoxOverlap:P0} of their union; first: {firstMoved}): rows rotated against their shapes, keys swapped, or moved coordinates?"));
        }

        if (swapped > 0)
        {
            throw Failed(staging, files, "shape-swapped", FormattableString.Invariant($"the new shapes of {swapped} of the {common} {key} values it shares with the partition it replaces lie where another key's shape was (each covers another key's old point on surface, and not its own; first: {firstSwapped}): rows swapped or rotated against their shapes?"));
        }

        if (shifted > 0)
        {
            throw Failed(staging, files, "shape-shifted", FormattableString.Invariant($"the new shapes of {shifted} of the {common} {key} values it shares with the partition it replaces are their old shapes moved whole (first: {firstShifted}): moved coordinates?"));
        }
    }

    private static TigerImportException Failed(StagingTable staging, IReadOnlyList<string> files, string gate, string detail) => new(
        FailureKind.Data,
        $"quality gate '{gate}' failed for {staging.Target.Schema}.{staging.Target.Table} partition {staging.Part} ({string.Join(", ", files)}): {detail}; --allow-change publishes it anyway. Nothing of the layer was published.");
}
