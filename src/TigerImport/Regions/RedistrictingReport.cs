using Npgsql;
using TigerImport.Database;

namespace TigerImport.Regions;

/// <summary>
/// Writes a sync's redistricting report into the worker's schema (<see cref="TigerTables.RegionChanges"/>: one row per sync
/// and region row of the synced states) and reads it back, with the stakeholders' from → to counts.
/// </summary>
internal static class RedistrictingReport
{
    /// <summary>The stale rows of this sync (id, type, geoid, name), captured before they are retired or deleted.</summary>
    public const string Stale = "region_sync_stale";

    private const string Moves = "region_sync_moves";

    public static async Task<(List<DistrictChange> Districts, List<StakeholderMove> Moves)> WriteAsync(
        NpgsqlConnection connection, RegionSyncRequest request, string incoming, CancellationToken cancellationToken)
    {
        var table = TigerTables.RegionChangesIn(request.Schema);
        var region = request.Table.Qualified;
        var changes = StakeholderReassignment.Changes;
        await Db.ExecuteAsync(connection, $"""
            CREATE TABLE IF NOT EXISTS {table} (
                sync_id uuid NOT NULL, synced_at timestamptz NOT NULL DEFAULT now(), region_table text NOT NULL, year int NOT NULL, district_year int NOT NULL,
                state text NOT NULL, type text NOT NULL, region_id bigint NOT NULL, geoid text NOT NULL, name text NOT NULL, change text NOT NULL,
                area_lost_share float8, moved_in bigint NOT NULL, moved_out bigint NOT NULL, newly_assigned bigint NOT NULL, left_without bigint NOT NULL,
                PRIMARY KEY (sync_id, region_id));
            CREATE TEMP TABLE {Moves} ON COMMIT DROP AS
                SELECT t.type, t.old_id, t.new_id FROM {changes} c
                CROSS JOIN LATERAL (VALUES {string.Join(", ", RegionType.All.Select(t => $"('{t.Type}', c.old_{t.Type}, c.new_{t.Type})"))}) t(type, old_id, new_id)
                WHERE t.old_id IS DISTINCT FROM t.new_id;
            """, cancellationToken);
        var staleChange = request.Stale switch
        {
            StalePolicy.Retire => DistrictChange.Retired,
            StalePolicy.Delete => DistrictChange.Deleted,
            _ => DistrictChange.Kept,
        };
        var districts = await Db.ReadAsync(
            connection,
            $"""
            WITH per_region AS (
                SELECT id, sum(moved_in) AS moved_in, sum(moved_out) AS moved_out, sum(newly) AS newly, sum(left_without) AS left_without FROM (
                    SELECT new_id AS id, (old_id IS NOT NULL)::int AS moved_in, 0 AS moved_out, (old_id IS NULL)::int AS newly, 0 AS left_without FROM {Moves} WHERE new_id IS NOT NULL
                    UNION ALL
                    SELECT old_id, 0, (new_id IS NOT NULL)::int, 0, (new_id IS NULL)::int FROM {Moves} WHERE old_id IS NOT NULL) m
                GROUP BY id),
            districts AS (
                SELECT r.id, i.statefp AS state, i.type, i.geoid, i.name,
                    CASE WHEN i.shape IS NULL OR i.shape = 'revived' THEN '{DistrictChange.Added}' WHEN i.shape = 'same' THEN '{DistrictChange.Unchanged}' ELSE '{DistrictChange.Changed}' END AS change,
                    i.area_lost
                FROM {incoming} i JOIN {region} r ON r.geoid = i.geoid AND r.type = i.type
                UNION ALL
                SELECT id, left(geoid, 2), type, geoid, name, $5, NULL FROM {Stale})
            INSERT INTO {table} (sync_id, region_table, year, district_year, state, type, region_id, geoid, name, change, area_lost_share, moved_in, moved_out, newly_assigned, left_without)
            SELECT $1, $2, $3, $4, d.state, d.type, d.id, d.geoid, d.name, d.change, d.area_lost,
                coalesce(p.moved_in, 0), coalesce(p.moved_out, 0), coalesce(p.newly, 0), coalesce(p.left_without, 0)
            FROM districts d LEFT JOIN per_region p ON p.id = d.id
            RETURNING state, type, region_id, geoid, name, change, area_lost_share, moved_in, moved_out, newly_assigned, left_without
            """,
            reader => new DistrictChange(
                reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetDouble(6), reader.GetInt64(7), reader.GetInt64(8), reader.GetInt64(9), reader.GetInt64(10)),
            cancellationToken,
            request.SyncId,
            request.Table.ToString(),
            request.Year,
            request.DistrictYear ?? request.Year,
            staleChange);
        // Counted by ids first, then named: a national plan moves about a million keys, and sorting those rows by
        // their names was most of the report's time.
        var moves = await Db.ReadAsync(
            connection,
            $"""
            SELECT m.type, coalesce(o.name, so.name, '#' || m.old_id), coalesce(n.name, '#' || m.new_id), m.stakeholders
            FROM (SELECT type, old_id, new_id, count(*) AS stakeholders FROM {Moves} GROUP BY type, old_id, new_id) m
            LEFT JOIN {region} o ON o.id = m.old_id LEFT JOIN {Stale} so ON so.id = m.old_id LEFT JOIN {region} n ON n.id = m.new_id
            ORDER BY array_position($1, m.type), m.stakeholders DESC, 2, 3
            """,
            reader => new StakeholderMove(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetInt64(3)),
            cancellationToken,
            (object)RegionType.All.Select(t => t.Type).ToArray());
        return (districts.OrderBy(d => d.State, StringComparer.Ordinal).ThenBy(d => d.Type, StringComparer.Ordinal).ThenBy(d => d.Geoid, StringComparer.Ordinal).ToList(), moves);
    }
}
