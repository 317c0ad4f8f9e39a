using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Npgsql;
using TigerImport.Database;

namespace TigerImport.Regions;

/// <summary>
/// Moves the app's stakeholders to the districts that cover them, in the sync's transaction, by set statements.
/// <para>
/// Which stakeholders are tested (<see cref="ReassignScope.Changed"/>, the default): per type, those whose point lies
/// in an old or new shape of a region this sync adds, changes, retires or deletes (when the key is not already tested
/// and the point lies in such a shape's box: against those shapes cut into pieces of at most
/// <see cref="PieceVertices"/> vertices, with a GiST index), those keyed to such a region, and
/// those with no region of the type yet; every other key is already right, because the shapes around its point did
/// not change. An unchanged rerun tests only the stakeholders without a district. <see cref="ReassignScope.All"/>
/// tests every located stakeholder for every type.
/// </para>
/// <para>
/// How they are tested: the tested points are copied once (as geometry, in Hilbert order, with a GiST index); one
/// pass per type that needs one picks, for each point, the region whose <c>geom</c> covers it (<c>ST_Covers</c>: a
/// point on a boundary still gets one; ties, a point on a shared boundary or in an overlap, go to the lowest GEOID,
/// then the lowest id); the picks are pivoted once into a row per point, and only the stakeholders whose keys differ
/// are written, all five keys in one UPDATE.
/// </para>
/// <para>
/// The stakeholder table is locked (SHARE ROW EXCLUSIVE: the app's writers wait, its readers do not) from the first
/// stakeholder statement to the commit, waiting up to <c>--lock-wait</c> for writers already at work, so a stakeholder
/// the app creates or moves before that is re-assigned by this sync, and one it writes afterwards sees the new shapes.
/// </para>
/// </summary>
internal sealed class StakeholderReassignment
{
    /// <summary>The stakeholders' keys before (old_*) and after (new_*) the sync, for the rows that change; the report reads it.</summary>
    public const string Changes = "region_sync_changes";

    /// <summary>The most vertices of a piece of a changed shape: small pieces make the point-in-polygon test cheap.</summary>
    public const int PieceVertices = 256;

    private const string ScopeIds = "region_sync_scope_ids";
    private const string Boxes = "region_sync_boxes";
    private const string Dirty = "region_sync_dirty";
    private const string Pieces = "region_sync_pieces";
    private const string Released = "region_sync_released";
    private const string Points = "region_sync_points";
    private const string Assigned = "region_sync_assigned";

    private static readonly string[] TypeNames = RegionType.All.Select(t => t.Type).ToArray();

    private readonly string stakeholders;
    private readonly string regions;
    private readonly ReassignScope scope;
    private readonly TimeSpan lockWait;
    private readonly ILogger logger;
    private readonly Stopwatch clock = new();
    private bool locked;
    private bool released;

    private StakeholderReassignment(RegionTable table, string regions, ReassignScope scope, TimeSpan lockWait, ILogger logger)
    {
        Table = table;
        stakeholders = table.Qualified;
        this.regions = regions;
        this.scope = scope;
        this.lockWait = lockWait;
        this.logger = logger;
    }

    public RegionTable Table { get; }

    /// <summary>The changes table, empty: the report reads it whether or not stakeholders were re-assigned.</summary>
    public static Task CreateChangesTableAsync(NpgsqlConnection connection, CancellationToken cancellationToken) => Db.ExecuteAsync(
        connection,
        $"CREATE TEMP TABLE {Changes} (id bigint NOT NULL, {string.Join(", ", RegionType.All.Select(t => $"old_{t.Type} bigint, new_{t.Type} bigint"))}) ON COMMIT DROP",
        cancellationToken);

    /// <summary>
    /// The step for the request's stakeholder table, or null with the reason it is skipped (none asked for, or no such
    /// table). A table without the contract's columns is a usage error: the operator named the wrong table.
    /// </summary>
    public static async Task<(StakeholderReassignment? Step, string? Skipped)> FindAsync(
        NpgsqlConnection connection, RegionSyncRequest request, ILogger logger, CancellationToken cancellationToken)
    {
        if (request.Stakeholders is not { } table)
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

        return (new StakeholderReassignment(table, request.Table.Qualified, request.Reassign, request.LockWait, logger), null);
    }

    /// <summary>
    /// Before any region row changes: the regions of the synced states (a stakeholder keyed to one is in scope), the
    /// synced states' boxes, and the old shapes of the rows <paramref name="incoming"/> changes and of the stale rows
    /// in <paramref name="stale"/> when they lose their shape (retired or deleted).
    /// </summary>
    public async Task CaptureAsync(NpgsqlConnection connection, string incoming, string stale, bool staleLoseShape, string[] synced, CancellationToken cancellationToken)
    {
        clock.Start();
        await Db.ExecuteAsync(
            connection, $"CREATE TEMP TABLE {ScopeIds} ON COMMIT DROP AS SELECT id FROM {regions} WHERE type = ANY($1) AND left(geoid, 2) = ANY($2)", cancellationToken, TypeNames, synced);
        var staleShapes = staleLoseShape ? $"UNION ALL SELECT r.id, r.type, r.geom FROM {regions} r JOIN {stale} s ON s.id = r.id" : "";
        await Db.ExecuteAsync(connection, $"""
            ALTER TABLE {ScopeIds} ADD PRIMARY KEY (id);
            ANALYZE {ScopeIds};
            CREATE TEMP TABLE {Boxes} ON COMMIT DROP AS SELECT ST_Envelope(geom) AS box FROM {incoming} WHERE type = '{RegionType.State}' AND geom IS NOT NULL;
            CREATE TEMP TABLE {Dirty} ON COMMIT DROP AS
                SELECT r.id, r.type, r.geom FROM {regions} r JOIN {incoming} i ON i.geoid = r.geoid AND i.type = r.type WHERE i.shape = 'changed'
                {staleShapes};
            """, cancellationToken);
        clock.Stop();
    }

    /// <summary>
    /// Before <paramref name="regionIds"/> are deleted: every stakeholder key to them becomes NULL (the app's SET_NULL,
    /// done in the database); the keys they had are kept for the re-assignment and its report.
    /// </summary>
    public async Task ReleaseAsync(NpgsqlConnection connection, long[] regionIds, CancellationToken cancellationToken)
    {
        clock.Start();
        await LockAsync(connection, cancellationToken);
        var set = string.Join(", ", RegionType.All.Select(t => $"{t.StakeholderColumn} = CASE WHEN {t.StakeholderColumn} = ANY($1) THEN NULL ELSE {t.StakeholderColumn} END"));
        var where = string.Join(" OR ", RegionType.All.Select(t => $"{t.StakeholderColumn} = ANY($1)"));
        await Db.ExecuteAsync(
            connection,
            $"CREATE TEMP TABLE {Released} ON COMMIT DROP AS SELECT id, {string.Join(", ", RegionType.All.Select(t => $"{t.StakeholderColumn} AS old_{t.Type}"))} FROM {stakeholders} WHERE {where}",
            cancellationToken,
            regionIds);
        await Db.ExecuteAsync(connection, $"ALTER TABLE {Released} ADD PRIMARY KEY (id)", cancellationToken);
        await Db.ExecuteAsync(connection, $"UPDATE {stakeholders} SET {set} WHERE {where}", cancellationToken, regionIds);
        released = true;
        clock.Stop();
    }

    /// <summary>After the region rows are written: the stakeholders to test, one pass per type that has any, then one UPDATE of the stakeholders whose keys differ.</summary>
    public async Task<StakeholderOutcome> ReassignAsync(NpgsqlConnection connection, string incoming, string[] synced, CancellationToken cancellationToken)
    {
        clock.Start();
        await LockAsync(connection, cancellationToken);

        // The new shapes of the rows added, revived or changed join the old ones: together, where a key can change.
        await Db.ExecuteAsync(
            connection,
            $"INSERT INTO {Dirty} (id, type, geom) SELECT r.id, r.type, i.geom FROM {incoming} i JOIN {regions} r ON r.geoid = i.geoid AND r.type = i.type WHERE i.shape IS DISTINCT FROM 'same'",
            cancellationToken);
        var dirty = (await Db.ReadAsync(
                connection,
                $"SELECT type, bool_or(geom IS NOT NULL) FROM {Dirty} GROUP BY type",
                reader => (Type: reader.GetString(0), Shaped: reader.GetBoolean(1)),
                cancellationToken))
            .ToDictionary(d => d.Type, d => d.Shaped);
        if (scope == ReassignScope.Changed && dirty.ContainsValue(true))
        {
            await Db.ExecuteAsync(connection, $"CREATE INDEX ON {Dirty} USING gist (geom); ANALYZE {Dirty};", cancellationToken);
        }

        await CopyPointsAsync(connection, dirty, cancellationToken);
        var needed = await Db.ReadAsync(
            connection,
            $"SELECT {string.Join(", ", RegionType.All.Select(t => $"coalesce(bool_or(need_{t.Type}), false)"))} FROM {Points}",
            reader => RegionType.All.Select((_, n) => reader.GetBoolean(n)).ToArray(),
            cancellationToken);
        var passes = RegionType.All.Where((_, n) => needed[0][n]).ToList();
        await Db.ExecuteAsync(connection, $"CREATE TEMP TABLE {Assigned} (id bigint NOT NULL, type text NOT NULL, region_id bigint NOT NULL) ON COMMIT DROP", cancellationToken);
        foreach (var type in passes)
        {
            // The region is the outer side, always (OFFSET 0 keeps the planner from turning the join around: the
            // region rows written in this transaction have no statistics yet, and one polygon per point is slow), and
            // its shape is detoasted once (ST_Multi of a MultiPolygon), not once per point: 3.3× faster measured.
            // Only regions with a tested point in their box are read.
            await Db.ExecuteAsync(
                connection,
                $"""
                INSERT INTO {Assigned} (id, type, region_id)
                SELECT DISTINCT ON (p.id) p.id, r.type, r.id
                FROM (SELECT id, type, geoid, ST_Multi(geom) AS geom FROM {regions} g
                      WHERE type = $1 AND geom IS NOT NULL AND EXISTS (SELECT 1 FROM {Points} p WHERE p.need_{type.Type} AND p.point && g.geom) OFFSET 0) r
                CROSS JOIN LATERAL (SELECT p.id FROM {Points} p WHERE p.need_{type.Type} AND ST_Covers(r.geom, p.point) OFFSET 0) p
                ORDER BY p.id, r.geoid, r.id
                """,
                cancellationToken,
                type.Type);
        }

        await Db.ExecuteAsync(connection, $"ANALYZE {Assigned}", cancellationToken);
        // The assigned rows pivoted once (one row per point, a column per type): one join, not one per type.
        var pivot = $"SELECT id, {string.Join(", ", RegionType.All.Select(t => $"max(region_id) FILTER (WHERE type = '{t.Type}') AS {t.Type}"))} FROM {Assigned} GROUP BY id";
        var olds = string.Join(", ", RegionType.All.Select(t => $"old_{t.Type}"));
        var news = string.Join(", ", RegionType.All.Select(t => $"new_{t.Type}"));

        // In scope: the point lies in a synced state, or the stakeholder pointed at one of its regions. Nobody else moves.
        // A key not tested keeps its value.
        await Db.ExecuteAsync(
            connection,
            $"""
            INSERT INTO {Changes} (id, {string.Join(", ", RegionType.All.Select(t => $"old_{t.Type}, new_{t.Type}"))})
            SELECT id, {string.Join(", ", RegionType.All.Select(t => $"old_{t.Type}, new_{t.Type}"))}
            FROM (
                SELECT p.id, p.by_key, {string.Join(", ", RegionType.All.Select(t => $"p.old_{t.Type}, CASE WHEN p.need_{t.Type} THEN a.{t.Type} ELSE p.old_{t.Type} END AS new_{t.Type}"))}
                FROM {Points} p
                LEFT JOIN ({pivot}) a ON a.id = p.id) c
            WHERE (by_key OR new_{RegionType.State} IN (SELECT id FROM {regions} WHERE type = '{RegionType.State}' AND geoid = ANY($1)))
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
        var tested = await Db.ScalarAsync<long>(connection, $"SELECT count(*) FROM {Points}", cancellationToken);
        clock.Stop();
        RegionLog.StakeholderPasses(logger, Table.ToString(), scope.ToString().ToLowerInvariant(), tested, passes.Count == 0 ? "none" : string.Join(",", passes));
        return new StakeholderOutcome(Table.ToString(), null, tested, written, clock.ElapsedMilliseconds);
    }

    /// <summary>
    /// The stakeholders to test, with their keys before the sync (a key <see cref="ReleaseAsync"/> cleared counts with
    /// its old value) and, per type, whether to test it: everyone in scope (inside a synced state's box, or keyed to
    /// one of its regions) for <see cref="ReassignScope.All"/>; else a key that is NULL, keyed to a changed or stale
    /// region, or whose point a changed shape covers. The state is also tested for a stakeholder not keyed to the
    /// synced states, to know whether it is in one.
    /// <para>
    /// Only a key not already tested, whose point lies in the box of a changed shape, needs the shapes themselves: they
    /// are cut into pieces only for the types that have such a point. A first sync has none (every key is NULL), nor
    /// has a plan that re-tiles every district of a type (every key is keyed to a changed one): cutting ~5,000 shapes
    /// for nothing was most of their stakeholder step.
    /// </para>
    /// </summary>
    private async Task CopyPointsAsync(NpgsqlConnection connection, Dictionary<string, bool> dirty, CancellationToken cancellationToken)
    {
        string Need(RegionType type) => scope == ReassignScope.All ? "true"
            : dirty.ContainsKey(type.Type) ? $"p.old_{type.Type} IS NULL OR p.old_{type.Type} IN (SELECT id FROM {Dirty} WHERE type = '{type.Type}')"
            : $"p.old_{type.Type} IS NULL";
        var boxed = scope == ReassignScope.All ? [] : RegionType.All.Where(t => dirty.GetValueOrDefault(t.Type)).ToList();

        var olds = RegionType.All.Select(t => released
            ? $"CASE WHEN x.id IS NULL THEN s.{t.StakeholderColumn} ELSE x.old_{t.Type} END AS old_{t.Type}"
            : $"s.{t.StakeholderColumn} AS old_{t.Type}");
        var state = RegionType.All[0].Type;
        var boxedColumns = string.Concat(boxed.Select(t =>
            $", NOT coalesce({Need(t)}, false) AND EXISTS (SELECT 1 FROM {Dirty} d WHERE d.type = '{t.Type}' AND d.geom && p.point) AS boxed_{t.Type}"));
        var anyNeed = string.Join(" OR ", RegionType.All.Select(t => $"need_{t.Type}"));

        // Stored in the order of their coordinates (PostGIS sorts geometry along a Hilbert curve), so a region's points
        // lie on a few pages of the copy, not one page each: at the app's scale the copy is far bigger than temp_buffers.
        await Db.ExecuteAsync(connection, $"""
            CREATE TEMP TABLE {Points} ON COMMIT DROP AS
            SELECT id, point, {string.Join(", ", RegionType.All.Select(t => $"old_{t.Type}"))}, by_key,
                need_{state} OR NOT by_key AS need_{state}, {string.Join(", ", RegionType.All.Skip(1).Select(t => $"need_{t.Type}"))}{string.Concat(boxed.Select(t => $", boxed_{t.Type}"))}
            FROM (
                SELECT p.*, coalesce({string.Join(" OR ", RegionType.All.Select(t => $"p.old_{t.Type} IN (SELECT id FROM {ScopeIds})"))}, false) AS by_key,
                    {string.Join(", ", RegionType.All.Select(t => $"coalesce({Need(t)}, false) AS need_{t.Type}"))}{boxedColumns}
                FROM (
                    SELECT s.id, s.location::geometry AS point, {string.Join(", ", olds)}
                    FROM {stakeholders} s{(released ? $" LEFT JOIN {Released} x ON x.id = s.id" : "")}
                    WHERE s.location IS NOT NULL) p) q
            WHERE (by_key OR EXISTS (SELECT 1 FROM {Boxes} b WHERE b.box && q.point))
              AND (NOT by_key OR {anyNeed}{string.Concat(boxed.Select(t => $" OR boxed_{t.Type}"))})
            ORDER BY point
            """, cancellationToken);
        var toCut = boxed.Count == 0 ? [] : (await Db.ReadAsync(
                connection,
                $"SELECT {string.Join(", ", boxed.Select(t => $"coalesce(bool_or(boxed_{t.Type}), false)"))} FROM {Points}",
                reader => boxed.Where((_, n) => reader.GetBoolean(n)).ToList(),
                cancellationToken))[0];
        if (toCut.Count > 0)
        {
            await Db.ExecuteAsync(
                connection,
                $"CREATE TEMP TABLE {Pieces} ON COMMIT DROP AS SELECT type, ST_Subdivide(geom, {PieceVertices}) AS geom FROM {Dirty} WHERE geom IS NOT NULL AND type = ANY($1)",
                cancellationToken,
                (object)toCut.Select(t => t.Type).ToArray());
            await Db.ExecuteAsync(connection, $"""
                CREATE INDEX ON {Pieces} USING gist (geom);
                ANALYZE {Pieces};
                UPDATE {Points} p SET {string.Join(", ", toCut.Select(t => $"need_{t.Type} = need_{t.Type} OR (boxed_{t.Type} AND EXISTS (SELECT 1 FROM {Pieces} z WHERE z.type = '{t.Type}' AND ST_Covers(z.geom, p.point)))"))}
                WHERE {string.Join(" OR ", toCut.Select(t => $"boxed_{t.Type}"))};
                """, cancellationToken);
        }

        if (boxed.Count > 0)
        {
            await Db.ExecuteAsync(connection, $"DELETE FROM {Points} WHERE NOT ({anyNeed})", cancellationToken);
        }

        await Db.ExecuteAsync(connection, $"CREATE INDEX ON {Points} USING gist (point); ANALYZE {Points};", cancellationToken);
    }

    /// <summary>
    /// The app's writers wait from here to the commit; writers already at work are waited for up to <c>--lock-wait</c>,
    /// then the sync fails (exit 5) and nothing of it is committed.
    /// </summary>
    private async Task LockAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        if (locked)
        {
            return;
        }

        var waited = Stopwatch.StartNew();
        await Db.ExecuteAsync(connection, "SELECT set_config('lock_timeout', $1, true)", cancellationToken, $"{Math.Max(1, (long)lockWait.TotalMilliseconds)}ms");
        try
        {
            await Db.ExecuteAsync(connection, $"LOCK TABLE {stakeholders} IN SHARE ROW EXCLUSIVE MODE", cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            throw new TigerImportException(
                FailureKind.Database,
                $"The app's writers held the stakeholder table {Table} for more than {lockWait.TotalSeconds:0} s (--lock-wait): nothing was synced, the region and stakeholder tables are as they were. Try again.",
                e);
        }

        await Db.ExecuteAsync(connection, "RESET lock_timeout", cancellationToken);
        locked = true;
        RegionLog.StakeholdersLocked(logger, Table.ToString(), waited.ElapsedMilliseconds);
    }
}
