using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Npgsql;
using TigerImport.Catalog;
using TigerImport.Database;

namespace TigerImport.Regions;

/// <summary>
/// Brings the app's region table up to date with the published STATE, COUNTY, CD, SLDU and SLDL layers of a vintage,
/// in one transaction of set statements: rows keep their id (updated in place, only when something differs), new ones
/// are inserted, stale ones retired (their shape cleared), kept or deleted; then the app's stakeholders are moved to the
/// districts that now cover them, and the redistricting report is written, in the same transaction. A state missing a
/// layer the app needs is refused whole, never half-synced, and none of its stakeholders moves.
/// </summary>
public sealed class RegionSync(NpgsqlDataSource dataSource, ILogger logger)
{
    /// <summary>Degrees; about 100 m, the detail of Census's 1:500k cartographic boundaries, for the geojson fallback.</summary>
    public const double SimplifyTolerance = 0.001;

    /// <summary>About 0.1 m: more digits only make the app's map payloads bigger.</summary>
    private const int GeoJsonDigits = 6;

    /// <summary>
    /// The sync's transaction's memory for sorts and hashes (the default, 4MB, spills the passes' sorts of a million
    /// points to disk): one sync runs at a time, and the task has 4 GB.
    /// </summary>
    public const string WorkMem = "256MB";

    /// <summary>
    /// The sync's transaction's settings: its memory, and no JIT. PostGIS's functions are costed high, so every big
    /// statement crossed jit_above_cost, and compiling them (up to 4.5 s for the points copy) cost more than it saved:
    /// 14 s of JIT in the four bench steps at 200,000 stakeholders.
    /// </summary>
    private static readonly string TransactionSettings = $"SET LOCAL work_mem = '{WorkMem}'; SET LOCAL jit = off";

    private const string Incoming = "region_sync_incoming";

    private static readonly string[] TypeOrder = RegionType.All.Select(t => t.Type).ToArray();

    public async Task<RegionSyncSummary> SyncAsync(RegionSyncRequest request, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        request = request with { SyncId = request.SyncId ?? Guid.NewGuid() };
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            // An import publishing one of the layers is waited for, not read half-way (a state refused for it).
            foreach (var group in LayerTables(request).GroupBy(t => t.Schema).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                await LayerLock.AwaitImportsAsync(connection, group.Key, group.Select(t => t.Table), request.LockWait, cancellationToken);
            }

            return await SyncLockedAsync(connection, request, clock, cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege && AppTableNamed(request, e.MessageText) is { } appTable)
        {
            throw new TigerImportException(
                FailureKind.Database,
                $"PostgreSQL: {e.MessageText} (SQLSTATE {e.SqlState}): {appTable.Fix(connection.UserName ?? "ROLE")}",
                e);
        }
        finally
        {
            await LayerLock.ReleaseAsync(connection);
        }
    }

    /// <summary>The app's table a 42501 names; null for any other object.</summary>
    private static AppTableRights? AppTableNamed(RegionSyncRequest request, string message)
    {
        var named = System.Text.RegularExpressions.Regex.Match(message, "^permission denied for table (?<name>\\S+)$").Groups["name"].Value;
        return request.AppTables.FirstOrDefault(t => t.Name == named);
    }

    /// <summary>The usage error of a region table that is not there (the sync finds it, and an import --sync-regions before loading).</summary>
    internal static string RegionTableMissing(RegionTable table) => $"The region table {table} does not exist: the app's migrations create it (--region-table names another).";

    /// <summary>The published tables the sync reads, each in the schema and vintage its type comes from (districts may be newer).</summary>
    private static IEnumerable<(string Schema, string Table)> LayerTables(RegionSyncRequest request) => RegionType.All
        .Select(t => (Schema: request.SchemaOf(t), Table: TigerLayers.TryFind(t.LayerKey, out var layer) ? layer.InYear(request.YearOf(t)).TableName : null))
        .Where(t => t.Table is not null)
        .Select(t => (t.Schema, t.Table!))
        .Distinct();

    private async Task<RegionSyncSummary> SyncLockedAsync(NpgsqlConnection connection, RegionSyncRequest request, Stopwatch clock, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await Db.ExecuteAsync(connection, TransactionSettings, cancellationToken);
        var table = request.Table.Qualified;
        await RequireTableAsync(connection, request.Table, cancellationToken);

        // Writers wait (a second sync, the app's own loader); the app's readers do not.
        await Db.ExecuteAsync(connection, $"LOCK TABLE {table} IN SHARE ROW EXCLUSIVE MODE", cancellationToken);
        var (stakeholders, skipped) = await StakeholderReassignment.FindAsync(connection, request, logger, cancellationToken);
        var stateLayer = await FindAsync(connection, request, RegionType.All[0], cancellationToken)
            ?? throw new TigerImportException(FailureKind.Source, $"STATE {request.Year} is not published in schema {request.Schema}: import STATE,COUNTY,CD,SLDU,SLDL first.");
        var states = request.States?.Select(s => s.Fips).ToArray() ?? await StatesInAsync(connection, stateLayer, cancellationToken);

        // shape: null for a new row, 'revived' for a retired row back in the vintage, 'same' or 'changed' by exact coordinates.
        await Db.ExecuteAsync(
            connection,
            $"""
            CREATE TEMP TABLE {Incoming} (
                geoid text NOT NULL, type text NOT NULL, statefp text NOT NULL, name text NOT NULL, label text, abbrev text,
                coords geography(Point, 4326), geom geometry(MultiPolygon, 4326), geojson jsonb, collided boolean NOT NULL DEFAULT false,
                shape text, area_lost float8,
                PRIMARY KEY (geoid, type)) ON COMMIT DROP
            """,
            cancellationToken);
        await StakeholderReassignment.CreateChangesTableAsync(connection, cancellationToken);
        var absentLayers = new List<RegionType>();
        foreach (var type in RegionType.All)
        {
            if (await FindAsync(connection, request, type, cancellationToken) is not { } layer)
            {
                absentLayers.Add(type);
                continue;
            }

            var cartographic = await FindCartographicAsync(connection, request, type, cancellationToken);
            await Db.ExecuteAsync(connection, IncomingSql(type, layer, stateLayer, cartographic, table), cancellationToken, states, type.Type);
        }

        // Temp tables are never auto-analyzed; without statistics the joins below are planned for one row.
        await Db.ExecuteAsync(connection, $"ANALYZE {Incoming}", cancellationToken);
        var refused = await RefuseIncompleteAsync(connection, request, states, absentLayers, cancellationToken);
        var synced = states.Where(s => !refused.ContainsKey(s)).ToArray();

        // A row retired before is not stale again: its shape is already gone.
        var alreadyRetired = request.Stale == StalePolicy.Retire ? "AND NOT (r.geom IS NULL AND r.coords IS NULL AND r.geojson IS NULL)" : "";
        await Db.ExecuteAsync(
            connection,
            $"""
            CREATE TEMP TABLE {RedistrictingReport.Stale} ON COMMIT DROP AS
            SELECT r.id, r.type, r.geoid, r.name FROM {table} r
            WHERE r.type = ANY($1) AND left(r.geoid, 2) = ANY($2) {alreadyRetired}
              AND NOT EXISTS (SELECT 1 FROM {Incoming} i WHERE i.geoid = r.geoid AND i.type = r.type)
            """,
            cancellationToken,
            TypeOrder,
            synced);
        var stale = await Db.ReadAsync(
            connection,
            $"SELECT id, type, name FROM {RedistrictingReport.Stale} ORDER BY array_position($1, type), geoid",
            reader => (Id: reader.GetInt64(0), Type: reader.GetString(1), Name: reader.GetString(2)),
            cancellationToken,
            (object)TypeOrder);
        if (stakeholders is not null && synced.Length > 0)
        {
            await stakeholders.CaptureAsync(connection, Incoming, RedistrictingReport.Stale, request.Stale != StalePolicy.Keep, synced, cancellationToken);
        }

        var staleIds = stale.Select(s => s.Id).ToArray();
        if (request.Stale == StalePolicy.Delete && stale.Count > 0)
        {
            // Stakeholders let go of the rows first (of their children too: parent_id cascades), then the rows go,
            // before the inserts, so their names are free for the rows that replace them.
            var doomed = await Db.ReadAsync(
                connection,
                $"WITH RECURSIVE d AS (SELECT unnest($1::bigint[]) AS id UNION SELECT r.id FROM {table} r JOIN d ON r.parent_id = d.id) SELECT id FROM d",
                reader => reader.GetInt64(0),
                cancellationToken,
                staleIds);
            if (stakeholders is not null)
            {
                await stakeholders.ReleaseAsync(connection, doomed.ToArray(), cancellationToken);
            }

            await Db.ExecuteAsync(connection, $"DELETE FROM {table} WHERE id = ANY($1)", cancellationToken, staleIds);
        }
        else if (request.Stale == StalePolicy.Retire && stale.Count > 0)
        {
            await Db.ExecuteAsync(connection, $"UPDATE {table} SET geom = NULL, coords = NULL, geojson = NULL WHERE id = ANY($1)", cancellationToken, staleIds);
        }

        var collisions = await ResolveNameCollisionsAsync(connection, table, cancellationToken);
        var incoming = await CountAsync(connection, $"SELECT type, count(*) FROM {Incoming} GROUP BY type", cancellationToken);
        var updated = new Dictionary<string, long>();
        var inserted = new Dictionary<string, long>();
        foreach (var statesOnly in new[] { true, false })
        {
            // States first: the other rows' parent is their state's row, which may be new.
            Merge(updated, await CountAsync(connection, UpdateSql(table), cancellationToken, statesOnly));
            Merge(inserted, await CountAsync(connection, InsertSql(table), cancellationToken, statesOnly));
        }

        var stakeholderOutcome = stakeholders is null || synced.Length == 0
            ? new StakeholderOutcome(request.Stakeholders?.ToString() ?? StakeholderTable.None, skipped ?? "no state was synced", 0, 0, 0)
            : await stakeholders.ReassignAsync(connection, Incoming, synced, cancellationToken);
        var (districts, moves) = await RedistrictingReport.WriteAsync(connection, request, Incoming, cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        var counts = RegionType.All.Select(t => new RegionTypeCounts(
            t.Type,
            inserted.GetValueOrDefault(t.Type),
            updated.GetValueOrDefault(t.Type),
            incoming.GetValueOrDefault(t.Type) - inserted.GetValueOrDefault(t.Type) - updated.GetValueOrDefault(t.Type),
            stale.Count(s => s.Type == t.Type))).ToList();
        var summary = new RegionSyncSummary(
            counts, request.Stale, synced, refused.Values.ToList(), collisions, stale.Select(s => s.Name).ToList(), clock.ElapsedMilliseconds)
        {
            SyncId = request.SyncId ?? throw new InvalidOperationException("SyncAsync gives every request its sync id."),
            Year = request.Year,
            DistrictYear = request.DistrictYear ?? request.Year,
            Redistricting = RedistrictingCounts.Of(districts),
            Districts = districts,
            Moves = moves,
            Stakeholders = stakeholderOutcome,
        };
        Report(summary, request);
        return summary;
    }

    private static async Task RequireTableAsync(NpgsqlConnection connection, RegionTable table, CancellationToken cancellationToken)
    {
        string[] needed = ["id", "parent_id", "geoid", "name", "label", "abbrev", "type", "coords", "geom", "geojson"];
        var present = await Db.ReadAsync(
            connection,
            "SELECT attname FROM pg_attribute WHERE attrelid = to_regclass($1) AND attnum > 0 AND NOT attisdropped",
            reader => reader.GetString(0),
            cancellationToken,
            table.Qualified);
        if (present.Count == 0)
        {
            throw new TigerImportException(FailureKind.Usage, RegionTableMissing(table));
        }

        if (needed.Except(present).ToList() is { Count: > 0 } missing)
        {
            throw new TigerImportException(FailureKind.Usage, $"The region table {table} has no column {string.Join(", ", missing)}: it is not the app's region table.");
        }
    }

    private static async Task<PublishedLayer?> FindAsync(NpgsqlConnection connection, RegionSyncRequest request, RegionType type, CancellationToken cancellationToken)
    {
        TigerLayers.TryFind(type.LayerKey, out var layer);
        return await PublishedLayer.FindAsync(connection, request.SchemaOf(type), layer.InYear(request.YearOf(type)).TableName, cancellationToken);
    }

    /// <summary>The finest cartographic boundary layer of this type loaded for the vintage (500k, then 5m, then 20m), or null.</summary>
    private static async Task<PublishedLayer?> FindCartographicAsync(NpgsqlConnection connection, RegionSyncRequest request, RegionType type, CancellationToken cancellationToken)
    {
        var year = request.YearOf(type);
        foreach (var layer in CartographicLayers.All.Where(l => l.BaseKey == type.LayerKey && year >= l.FirstYear))
        {
            if (await PublishedLayer.FindAsync(connection, request.SchemaOf(type), layer.InYear(year).TableName, cancellationToken) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>Every state, DC and Puerto Rico in the published STATE layer (island areas only when named, as for imports).</summary>
    private static async Task<string[]> StatesInAsync(NpgsqlConnection connection, PublishedLayer stateLayer, CancellationToken cancellationToken)
    {
        var published = await Db.ReadAsync(connection, $"SELECT DISTINCT {stateLayer.Column("s", "statefp")} FROM {stateLayer.Qualified} s", reader => reader.GetString(0), cancellationToken);
        return UsStates.StatesDcAndPuertoRico.Select(s => s.Fips).Intersect(published).ToArray();
    }

    /// <summary>
    /// The vintage's rows of a type, each compared once with the app's row of the same (geoid, type): its shape is
    /// <c>same</c> (exact coordinates) or <c>changed</c> (with the share of the old area lost). The simplified geojson,
    /// the costly part, is built only for a new or changed shape; an unchanged one keeps the row's geojson.
    /// </summary>
    private static string IncomingSql(RegionType type, PublishedLayer layer, PublishedLayer stateLayer, PublishedLayer? cartographic, string table)
    {
        var code = type.CodeField is null ? "NULL::text" : layer.Column("t", type.CodeField);
        var name = type.CodeField is null ? layer.Column("t", "name") : "NULL::text";
        // Simplifying can make a ring touch itself; ST_MakeValid returns a valid input as it is, cheaply.
        var simplified = $"ST_AsGeoJSON(ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_SimplifyPreserveTopology(c.geom, {SimplifyTolerance.ToString(System.Globalization.CultureInfo.InvariantCulture)})), 3)), {GeoJsonDigits})::jsonb";
        var own = $"CASE WHEN o.same THEN coalesce(o.geojson, {simplified}) ELSE {simplified} END";
        var (join, geojson) = cartographic is null
            ? ("", own)
            : ($"LEFT JOIN LATERAL (SELECT {cartographic.GeometryIn4326("g")} AS geom FROM {cartographic.Qualified} g WHERE {cartographic.Column("g", "geoid")} = c.geoid LIMIT 1) g ON true",
               $"CASE WHEN g.geom IS NOT NULL THEN ST_AsGeoJSON(g.geom, {GeoJsonDigits})::jsonb ELSE {own} END");
        return $"""
            INSERT INTO {Incoming} (geoid, type, statefp, name, label, abbrev, coords, geom, geojson, shape, area_lost)
            SELECT c.geoid, $2, c.statefp, {type.NameSql}, {type.LabelSql}, {type.AbbrevSql}, c.coords, c.geom, {geojson},
                CASE WHEN o.id IS NULL THEN NULL WHEN o.geom IS NULL THEN 'revived' WHEN o.same THEN 'same' ELSE 'changed' END,
                CASE WHEN o.geom IS NOT NULL AND NOT o.same THEN ST_Area(ST_Difference(o.geom, c.geom)) / nullif(ST_Area(o.geom), 0) END
            FROM (
                SELECT {layer.Column("t", "geoid")} AS geoid, {layer.Column("t", "statefp")} AS statefp, {name} AS fname, {code} AS code,
                    {stateLayer.Column("s", "stusps")} AS usps,
                    ST_SetSRID(ST_MakePoint({layer.Column("t", "intptlon")}::float8, {layer.Column("t", "intptlat")}::float8), 4326)::geography AS coords,
                    {layer.GeometryIn4326("t")} AS geom
                FROM {layer.Qualified} t JOIN {stateLayer.Qualified} s ON {stateLayer.Column("s", "statefp")} = {layer.Column("t", "statefp")}
                WHERE {layer.Column("t", "statefp")} = ANY($1){(type.UndefinedCode is null ? "" : $" AND {code} <> '{type.UndefinedCode}'")}
            ) c
            LEFT JOIN LATERAL (SELECT r.id, r.geom, r.geojson, r.geom = c.geom AS same FROM {table} r WHERE r.geoid = c.geoid AND r.type = $2) o ON true
            {join}
            """;
    }

    /// <summary>
    /// A state is synced only when every layer the app needs has rows for it (Census publishes no SLDL for Nebraska or
    /// DC: that is complete). Otherwise its rows are dropped from the sync, so the state stays as it was.
    /// </summary>
    private static async Task<Dictionary<string, string>> RefuseIncompleteAsync(
        NpgsqlConnection connection, RegionSyncRequest request, string[] states, List<RegionType> absentLayers, CancellationToken cancellationToken)
    {
        var present = (await Db.ReadAsync(
                connection, $"SELECT DISTINCT statefp, type FROM {Incoming}", reader => (reader.GetString(0), reader.GetString(1)), cancellationToken))
            .ToHashSet();
        var refused = new Dictionary<string, string>();
        foreach (var fips in states)
        {
            var lacking = RegionType.All
                .Where(t => !present.Contains((fips, t.Type)))
                .Where(t => !TigerLayers.TryFind(t.LayerKey, out var layer) || ImportPlanner.KnownAbsence(layer, fips) is null)
                .Select(t => absentLayers.Contains(t)
                    ? $"{t.LayerKey} {request.YearOf(t)} is not published in schema {request.SchemaOf(t)}"
                    : $"{t.LayerKey} {request.YearOf(t)} has no rows for it")
                .ToList();
            if (lacking.Count > 0)
            {
                var state = UsStates.ByFips(fips);
                refused[fips] = $"{state.Usps} ({fips}) not synced: {string.Join("; ", lacking)}";
            }
        }

        await Db.ExecuteAsync(connection, $"DELETE FROM {Incoming} WHERE statefp = ANY($1)", cancellationToken, (object)refused.Keys.ToArray());
        return refused;
    }

    /// <summary>
    /// The app's name is unique across all rows, but counties can share one (Baltimore County and Baltimore city are
    /// both "Baltimore County, State 24"). The first by type order, then GEOID, keeps the name; the others, and any row
    /// whose name another region row already holds, get " (GEOID)" appended. Deterministic, so reruns agree.
    /// </summary>
    private static async Task<List<string>> ResolveNameCollisionsAsync(NpgsqlConnection connection, string table, CancellationToken cancellationToken)
    {
        await Db.ExecuteAsync(
            connection,
            $"""
            UPDATE {Incoming} i SET name = i.name || ' (' || i.geoid || ')', collided = true
            FROM (SELECT geoid, type, row_number() OVER (PARTITION BY name ORDER BY array_position($1, type), geoid) AS n FROM {Incoming}) d
            WHERE d.geoid = i.geoid AND d.type = i.type AND d.n > 1;
            """,
            cancellationToken,
            (object)TypeOrder);
        await Db.ExecuteAsync(
            connection,
            $"""
            UPDATE {Incoming} i SET name = i.name || ' (' || i.geoid || ')', collided = true
            WHERE NOT i.collided AND EXISTS (
                SELECT 1 FROM {table} r
                WHERE r.name = i.name AND (r.geoid, r.type) IS DISTINCT FROM (i.geoid, i.type)
                  AND NOT EXISTS (SELECT 1 FROM {Incoming} j WHERE j.geoid = r.geoid AND j.type = r.type))
            """,
            cancellationToken);
        return await Db.ReadAsync(
            connection,
            $"SELECT type || ' ' || geoid || ' named ' || name FROM {Incoming} WHERE collided ORDER BY array_position($1, type), geoid",
            reader => reader.GetString(0),
            cancellationToken,
            (object)TypeOrder);
    }

    /// <summary>
    /// Updates in place (the id stays) only rows where something differs; the shape was compared (exact coordinates)
    /// when the incoming row was built, so it is not compared again.
    /// </summary>
    private static string UpdateSql(string table) => $"""
        WITH changed AS (
            UPDATE {table} r
            SET parent_id = p.id, name = i.name, label = i.label, abbrev = i.abbrev, coords = i.coords, geom = i.geom, geojson = i.geojson
            FROM {Incoming} i LEFT JOIN {table} p ON i.type <> '{RegionType.State}' AND p.type = '{RegionType.State}' AND p.geoid = i.statefp
            WHERE r.geoid = i.geoid AND r.type = i.type AND (i.type = '{RegionType.State}') = $1
              AND (i.shape IS DISTINCT FROM 'same' OR (r.parent_id, r.name, r.label, r.abbrev, r.coords, r.geojson)
                  IS DISTINCT FROM (p.id, i.name, i.label, i.abbrev, i.coords, i.geojson))
            RETURNING r.type)
        SELECT type, count(*) FROM changed GROUP BY type
        """;

    private static string InsertSql(string table) => $"""
        WITH added AS (
            INSERT INTO {table} (parent_id, geoid, name, label, abbrev, type, coords, geom, geojson)
            SELECT p.id, i.geoid, i.name, i.label, i.abbrev, i.type, i.coords, i.geom, i.geojson
            FROM {Incoming} i LEFT JOIN {table} p ON i.type <> '{RegionType.State}' AND p.type = '{RegionType.State}' AND p.geoid = i.statefp
            WHERE (i.type = '{RegionType.State}') = $1 AND NOT EXISTS (SELECT 1 FROM {table} r WHERE r.geoid = i.geoid AND r.type = i.type)
            ORDER BY i.type, i.geoid
            RETURNING type)
        SELECT type, count(*) FROM added GROUP BY type
        """;

    private static async Task<Dictionary<string, long>> CountAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params object?[] parameters) =>
        (await Db.ReadAsync(connection, sql, reader => (Type: reader.GetString(0), Count: reader.GetInt64(1)), cancellationToken, parameters))
            .ToDictionary(r => r.Type, r => r.Count);

    private static void Merge(Dictionary<string, long> into, Dictionary<string, long> counts)
    {
        foreach (var (type, count) in counts)
        {
            into[type] = into.GetValueOrDefault(type) + count;
        }
    }

    private void Report(RegionSyncSummary summary, RegionSyncRequest request)
    {
        var (policy, fate) = summary.Stale switch
        {
            StalePolicy.Retire => ("retired", "retired (id, name, label and abbrev kept; geom, coords and geojson cleared)"),
            StalePolicy.Delete => ("deleted", "deleted (stakeholders moved off first; its children cascade)"),
            _ => ("kept", "kept (its shape still matches points)"),
        };
        foreach (var type in summary.Types)
        {
            RegionLog.TypeSynced(logger, type.Type, request.Year, request.Table.ToString(), type.Inserted, type.Updated, type.Unchanged, type.Stale, policy);
        }

        foreach (var collision in summary.Collisions)
        {
            RegionLog.NameCollision(logger, collision);
        }

        foreach (var name in summary.StaleRows)
        {
            RegionLog.StaleRegion(logger, name, fate);
        }

        foreach (var reason in summary.Refused)
        {
            RegionLog.StateRefused(logger, reason);
        }

        foreach (var district in summary.Districts.Where(d => d.Change == DistrictChange.Changed))
        {
            RegionLog.Reshaped(logger, district.Name, district.Type, district.Geoid, ((district.AreaLostShare ?? 0) * 100).ToString("0.0##", System.Globalization.CultureInfo.InvariantCulture));
        }

        foreach (var move in summary.Moves)
        {
            RegionLog.Moved(logger, move.Type, move.From ?? "(none)", move.To ?? "(none)", move.Stakeholders);
        }

        if (summary.Stakeholders is { Skipped: { } skipped })
        {
            RegionLog.StakeholdersSkipped(logger, skipped);
        }
        else if (summary.Stakeholders is { } stakeholders)
        {
            RegionLog.StakeholdersReassigned(logger, stakeholders.Table, stakeholders.Located, stakeholders.Written, stakeholders.ElapsedMs);
        }

        var reportTable = $"{request.Schema}.{Database.TigerTables.RegionChanges}";
        if (summary.NoChange)
        {
            RegionLog.NoChange(logger, summary.Synced.Count, summary.SyncId, reportTable);
        }
        else
        {
            foreach (var counts in summary.Redistricting.Where(r => !r.IsUnchanged))
            {
                RegionLog.Redistricting(
                    logger, counts.State, counts.Type, summary.DistrictYear, counts.Added, counts.Changed, counts.Retired, counts.Unchanged, counts.Moved, counts.NewlyAssigned, counts.LeftWithout);
            }

            RegionLog.ReportWritten(logger, summary.SyncId, summary.Districts.Count, reportTable);
        }

        RegionLog.Synced(logger, request.Table.ToString(), request.Year, summary.Synced.Count, summary.Refused.Count, summary.ElapsedMs);
    }
}
