using System.Diagnostics;
using Npgsql;
using TigerImport.Database;

namespace TigerImport.Regions;

/// <summary>
/// Moves the app's stakeholders to the districts that cover them, in the sync's transaction, by set statements. Their
/// located rows in the synced states are copied once (the point as geometry, with a GiST index: the region rows are the
/// outer side of each join, so PostGIS reuses each district's prepared shape for all the points inside it); one pass per
/// region type picks, for each point, the region whose <c>geom</c> covers it (<c>ST_Covers</c>: a point on a boundary
/// still gets one; ties, a point on a shared boundary or in an overlap, go to the lowest GEOID, then the lowest id);
/// only the stakeholders whose keys differ are written, in one UPDATE.
/// </summary>
internal sealed class StakeholderReassignment
{
    /// <summary>The stakeholders' keys before (old_*) and after (new_*) the sync, for the rows that change; the report reads it.</summary>
    public const string Changes = "region_sync_changes";

    private const string ScopeIds = "region_sync_scope_ids";
    private const string Boxes = "region_sync_boxes";
    private const string Points = "region_sync_points";
    private const string Assigned = "region_sync_assigned";

    private static readonly string[] TypeNames = RegionType.All.Select(t => t.Type).ToArray();

    private readonly string stakeholders;
    private readonly string regions;
    private readonly Stopwatch clock = new();

    private StakeholderReassignment(RegionTable table, string regions)
    {
        Table = table;
        stakeholders = table.Qualified;
        this.regions = regions;
    }

    public RegionTable Table { get; }

    /// <summary>The changes table, empty: the report reads it whether or not stakeholders were re-assigned.</summary>
    public static Task CreateChangesTableAsync(NpgsqlConnection connection, CancellationToken cancellationToken) => Db.ExecuteAsync(
        connection,
        $"CREATE TEMP TABLE {Changes} (id bigint NOT NULL, {string.Join(", ", RegionType.All.Select(t => $"old_{t.Type} bigint, new_{t.Type} bigint"))}) ON COMMIT DROP",
        cancellationToken);

    /// <summary>
    /// The step for <paramref name="table"/>, or null with the reason it is skipped (none asked for, or no such table).
    /// A table without the contract's columns is a usage error: the operator named the wrong table.
    /// </summary>
    public static async Task<(StakeholderReassignment? Step, string? Skipped)> FindAsync(
        NpgsqlConnection connection, RegionTable? table, string regions, CancellationToken cancellationToken)
    {
        if (table is null)
        {
            return (null, $"--stakeholder-table {StakeholderTable.None}");
        }

        var columns = (await Db.ReadAsync(
            connection,
            "SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = to_regclass($1) AND attnum > 0 AND NOT attisdropped",
            reader => (Name: reader.GetString(0), Type: reader.GetString(1)),
            cancellationToken,
            table.Qualified)).ToDictionary(c => c.Name, c => c.Type);
        if (columns.Count == 0)
        {
            return (null, $"the stakeholder table {table} does not exist");
        }

        string[] needed = ["id", "location", .. RegionType.All.Select(t => t.StakeholderColumn)];
        if (needed.Where(c => !columns.ContainsKey(c)).ToList() is { Count: > 0 } missing)
        {
            throw new TigerImportException(
                FailureKind.Usage,
                $"The stakeholder table {table} has no column {string.Join(", ", missing)}: the app's contract is id, location geography(Point,4326) and {string.Join(", ", needed[2..])} "
                + $"(--stakeholder-table names another table, {StakeholderTable.None} skips the step).");
        }

        if (columns["location"] != "geography(Point,4326)")
        {
            throw new TigerImportException(
                FailureKind.Usage, $"The stakeholder table {table} has location {columns["location"]}, not the app's geography(Point,4326) (--stakeholder-table {StakeholderTable.None} skips the step).");
        }

        return (new StakeholderReassignment(table, regions), null);
    }

    /// <summary>
    /// Before any region row changes: waits for the app's writers, then copies the located stakeholders that may be in
    /// <paramref name="synced"/> (inside a synced state's bounding box, or pointing at one of its regions) with their keys.
    /// </summary>
    public async Task SnapshotAsync(NpgsqlConnection connection, string incoming, string[] synced, CancellationToken cancellationToken)
    {
        clock.Start();
        await Db.ExecuteAsync(connection, $"LOCK TABLE {stakeholders} IN SHARE ROW EXCLUSIVE MODE", cancellationToken);
        await Db.ExecuteAsync(
            connection, $"CREATE TEMP TABLE {ScopeIds} ON COMMIT DROP AS SELECT id FROM {regions} WHERE type = ANY($1) AND left(geoid, 2) = ANY($2)", cancellationToken, TypeNames, synced);
        await Db.ExecuteAsync(connection, $"""
            ALTER TABLE {ScopeIds} ADD PRIMARY KEY (id);
            ANALYZE {ScopeIds};
            CREATE TEMP TABLE {Boxes} ON COMMIT DROP AS SELECT ST_Envelope(geom) AS box FROM {incoming} WHERE type = '{RegionType.State}' AND geom IS NOT NULL;
            CREATE TEMP TABLE {Points} ON COMMIT DROP AS
            SELECT * FROM (
                SELECT s.id, s.location::geometry AS point, {string.Join(", ", RegionType.All.Select(t => $"s.{t.StakeholderColumn} AS old_{t.Type}"))},
                    ({string.Join(" OR ", RegionType.All.Select(t => $"s.{t.StakeholderColumn} IN (SELECT id FROM {ScopeIds})"))}) AS by_key
                FROM {stakeholders} s WHERE s.location IS NOT NULL) p
            WHERE p.by_key OR EXISTS (SELECT 1 FROM {Boxes} b WHERE b.box && p.point);
            CREATE INDEX ON {Points} USING gist (point);
            ANALYZE {Points};
            """, cancellationToken);
        clock.Stop();
    }

    /// <summary>Before <paramref name="regionIds"/> are deleted: every stakeholder key to them becomes NULL (the app's SET_NULL, done in the database).</summary>
    public async Task ReleaseAsync(NpgsqlConnection connection, long[] regionIds, CancellationToken cancellationToken)
    {
        clock.Start();
        var set = string.Join(", ", RegionType.All.Select(t => $"{t.StakeholderColumn} = CASE WHEN {t.StakeholderColumn} = ANY($1) THEN NULL ELSE {t.StakeholderColumn} END"));
        var where = string.Join(" OR ", RegionType.All.Select(t => $"{t.StakeholderColumn} = ANY($1)"));
        await Db.ExecuteAsync(connection, $"UPDATE {stakeholders} SET {set} WHERE {where}", cancellationToken, regionIds);
        clock.Stop();
    }

    /// <summary>After the region rows are written: one pass per type, then one UPDATE of the stakeholders whose keys differ.</summary>
    public async Task<StakeholderOutcome> ReassignAsync(NpgsqlConnection connection, string[] synced, CancellationToken cancellationToken)
    {
        clock.Start();
        await Db.ExecuteAsync(connection, $"CREATE TEMP TABLE {Assigned} (id bigint NOT NULL, type text NOT NULL, region_id bigint NOT NULL) ON COMMIT DROP", cancellationToken);
        foreach (var type in RegionType.All)
        {
            // The region is the outer side, always (OFFSET 0 keeps the planner from turning the join around: the
            // region rows written in this transaction have no statistics yet, and one polygon per point is slow), and
            // its shape is detoasted once (ST_Multi of a MultiPolygon), not once per point: 3.3× faster measured.
            await Db.ExecuteAsync(
                connection,
                $"""
                INSERT INTO {Assigned} (id, type, region_id)
                SELECT DISTINCT ON (p.id) p.id, r.type, r.id
                FROM (SELECT id, type, geoid, ST_Multi(geom) AS geom FROM {regions} WHERE type = $1 AND geom IS NOT NULL OFFSET 0) r
                CROSS JOIN LATERAL (SELECT p.id FROM {Points} p WHERE ST_Covers(r.geom, p.point) OFFSET 0) p
                ORDER BY p.id, r.geoid, r.id
                """,
                cancellationToken,
                type.Type);
        }

        await Db.ExecuteAsync(connection, $"ANALYZE {Assigned}", cancellationToken);
        var joins = string.Join("\n", RegionType.All.Select((t, n) => $"LEFT JOIN {Assigned} a{n} ON a{n}.id = p.id AND a{n}.type = '{t.Type}'"));
        var olds = string.Join(", ", RegionType.All.Select(t => $"p.old_{t.Type}"));
        var news = string.Join(", ", RegionType.All.Select((_, n) => $"a{n}.region_id"));

        // In scope: the point lies in a synced state, or the stakeholder pointed at one of its regions. Nobody else moves.
        await Db.ExecuteAsync(
            connection,
            $"""
            INSERT INTO {Changes} (id, {string.Join(", ", RegionType.All.Select(t => $"old_{t.Type}, new_{t.Type}"))})
            SELECT p.id, {string.Join(", ", RegionType.All.Select((t, n) => $"p.old_{t.Type}, a{n}.region_id"))}
            FROM {Points} p
            {joins}
            WHERE (p.by_key OR a0.region_id IN (SELECT id FROM {regions} WHERE type = '{RegionType.State}' AND geoid = ANY($1)))
              AND ({olds}) IS DISTINCT FROM ({news})
            """,
            cancellationToken,
            (object)synced);
        var written = await Db.ExecuteAsync(
            connection,
            $"""
            UPDATE {stakeholders} s SET {string.Join(", ", RegionType.All.Select(t => $"{t.StakeholderColumn} = c.new_{t.Type}"))}
            FROM {Changes} c
            WHERE s.id = c.id
              AND ({string.Join(", ", RegionType.All.Select(t => $"s.{t.StakeholderColumn}"))}) IS DISTINCT FROM ({string.Join(", ", RegionType.All.Select(t => $"c.new_{t.Type}"))})
            """,
            cancellationToken);
        var located = await Db.ScalarAsync<long>(connection, $"SELECT count(*) FROM {Points}", cancellationToken);
        clock.Stop();
        return new StakeholderOutcome(Table.ToString(), null, located, written, clock.ElapsedMilliseconds);
    }
}
