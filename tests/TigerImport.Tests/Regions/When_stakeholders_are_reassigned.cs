using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using TigerImport.Catalog;
using TigerImport.Regions;
using TigerImport.Tests.Support;

namespace TigerImport.Tests.Regions;

/// <summary>
/// Which stakeholders a sync tests (<c>--reassign changed</c>, the default, or <c>all</c>), and the app writing
/// stakeholders while a sync runs (the stakeholder table's lock and its <c>--lock-wait</c> budget).
/// </summary>
[Collection(PostgisCollection.Name)]
public sealed class When_stakeholders_are_reassigned(PostgisServer postgis)
{
    private const string Stakeholder = """
        CREATE TABLE {0}.stakeholder (id bigint PRIMARY KEY, location geography(Point, 4326), state_id bigint, county_id bigint,
            congressional_district_id bigint, state_senate_district_id bigint, state_house_district_id bigint);
        """;

    [Fact]
    public async Task An_unchanged_rerun_tests_only_stakeholders_without_a_district_and_reassign_all_repairs_a_key_the_app_set_wrong()
    {
        await using var db = await PrepareAsync("reassign_scope", "POINT(-106.9 32.5)", "POINT(-106.75 32.5)", "POINT(-106.8 32.52)");
        var request = Request("reassign_scope");
        var first = await SyncAsync(db, request);
        var right = await KeysAsync(db, "reassign_scope");

        // The app mis-assigns stakeholder 3's county (the other NM county) and adds one without keys.
        await TestImport.ExecuteAsync(db, """
            UPDATE reassign_scope.stakeholder SET county_id = (SELECT id FROM reassign_scope.region WHERE type = 'county' AND geoid LIKE '35%' AND id <> (SELECT county_id FROM reassign_scope.stakeholder WHERE id = 3) LIMIT 1) WHERE id = 3;
            INSERT INTO reassign_scope.stakeholder (id, location) VALUES (4, 'SRID=4326;POINT(-106.76 32.51)');
            """);
        var wrong = await KeysAsync(db, "reassign_scope");
        var again = await SyncAsync(db, request);
        var afterChanged = await KeysAsync(db, "reassign_scope");
        var all = await SyncAsync(db, request with { Reassign = ReassignScope.All });

        Assert.Equal(3L, first.Stakeholders!.Located);
        // Nothing changed in shape: only the new stakeholder (no keys) is tested; the wrong key is not seen.
        Assert.Equal((1L, 1L), (again.Stakeholders!.Located, again.Stakeholders.Written));
        Assert.Equal(wrong[..3], afterChanged[..3]);
        Assert.StartsWith("4 35 35", afterChanged[3], StringComparison.Ordinal);
        Assert.DoesNotContain("-", afterChanged[3], StringComparison.Ordinal);
        // --reassign all tests every stakeholder and repairs it.
        Assert.Equal((4L, 1L), (all.Stakeholders!.Located, all.Stakeholders.Written));
        Assert.Equal(right, (await KeysAsync(db, "reassign_scope"))[..3]);
    }

    [Fact]
    public async Task A_new_district_over_an_unchanged_one_takes_the_stakeholders_its_shape_covers_and_only_those_are_tested()
    {
        await using var db = await PrepareAsync("reassign_overlap", "POINT(-106.9 32.5)", "POINT(-106.75 32.5)", "POINT(-104.0 35.0)");
        var request = Request("reassign_overlap");
        await SyncAsync(db, request);
        var before = await KeysAsync(db, "reassign_overlap");

        // The plan keeps every district and adds CD 3500 (the lowest GEOID, so ties go to it): a small square around
        // stakeholder 1, inside its unchanged CD. No stakeholder is keyed to a changed district, so only the new
        // shape's pieces can find stakeholder 1.
        var plan = "reassign_overlap_plan";
        var statements = new List<string> { $"CREATE SCHEMA {plan}" };
        foreach (var key in new[] { "CD", "SLDU", "SLDL" })
        {
            TigerLayers.TryFind(key, out var layer);
            var table = layer.InYear(2024).TableName;
            statements.Add($"CREATE TABLE {plan}.{table} AS SELECT * FROM {RegionSamples.Schema}.{table}");
        }

        TigerLayers.TryFind("CD", out var cd);
        var cdTable = $"{plan}.{cd.InYear(2024).TableName}";
        var code = (await TestImport.ScalarAsync<string>(db, $"SELECT column_name FROM information_schema.columns WHERE table_schema = '{RegionSamples.Schema}' AND table_name = '{cd.InYear(2024).TableName}' AND column_name LIKE 'cd%fp'"))!;
        statements.Add($"""
            INSERT INTO {cdTable} SELECT * FROM {cdTable} WHERE geoid = (SELECT min(geoid) FROM {cdTable} WHERE statefp = '35');
            UPDATE {cdTable} SET geoid = '3500', {code} = '00', geom = ST_Multi(ST_SetSRID(ST_MakeEnvelope(-106.92, 32.48, -106.88, 32.52), ST_SRID(geom)))
                WHERE ctid = (SELECT max(ctid) FROM {cdTable} WHERE geoid = (SELECT min(geoid) FROM {cdTable} WHERE statefp = '35'));
            """);
        await TestImport.ExecuteAsync(db, string.Join(";\n", statements));
        var summary = await SyncAsync(db, request with { DistrictSchema = plan });
        var after = await KeysAsync(db, "reassign_overlap");

        Assert.NotEqual("3500", before[0].Split(' ')[3]);
        Assert.Equal("3500", after[0].Split(' ')[3]);
        Assert.Equal(before[1..], after[1..]);
        // Stakeholder 2 lies outside the new square's box: not tested. Stakeholder 3 is outside the samples' districts
        // (a NULL key, tested on every sync) and stays as it was.
        Assert.Contains(" -", before[2], StringComparison.Ordinal);
        Assert.DoesNotContain(" -", before[1], StringComparison.Ordinal);
        Assert.Equal((2L, 1L), (summary.Stakeholders!.Located, summary.Stakeholders.Written));
    }

    [Fact]
    public async Task A_stakeholder_the_app_inserts_while_the_sync_waits_for_the_table_is_assigned_by_that_sync()
    {
        await using var db = await PrepareAsync("reassign_writer");
        await using var app = await db.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await using var transaction = await app.BeginTransactionAsync(TestContext.Current.CancellationToken);
        await ExecuteAsync(app, "INSERT INTO reassign_writer.stakeholder (id, location) VALUES (1, 'SRID=4326;POINT(-106.9 32.5)')");

        var sync = SyncAsync(db, Request("reassign_writer") with { LockWait = TimeSpan.FromSeconds(120) });
        var waited = await WaitForLockWaiterAsync(db, "reassign_writer.stakeholder", sync);
        await ExecuteAsync(app, "INSERT INTO reassign_writer.stakeholder (id, location) VALUES (2, 'SRID=4326;POINT(-106.75 32.5)')");
        await transaction.CommitAsync(TestContext.Current.CancellationToken);
        var summary = await sync;

        Assert.True(waited, "the sync never waited for the app's open insert");
        Assert.Equal(2L, summary.Stakeholders!.Written);
        Assert.Equal(["1 35", "2 35"], (await KeysAsync(db, "reassign_writer")).Select(k => k[..4]));
    }

    [Fact]
    public async Task An_app_writer_holding_the_table_past_lock_wait_fails_the_sync_and_nothing_of_it_is_committed()
    {
        await using var db = await PrepareAsync("reassign_busy");
        await using var app = await db.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await using var transaction = await app.BeginTransactionAsync(TestContext.Current.CancellationToken);
        await ExecuteAsync(app, "INSERT INTO reassign_busy.stakeholder (id, location) VALUES (1, 'SRID=4326;POINT(-106.9 32.5)')");

        var error = await Assert.ThrowsAsync<TigerImportException>(() => SyncAsync(db, Request("reassign_busy") with { LockWait = TimeSpan.FromSeconds(1) }));
        await transaction.RollbackAsync(TestContext.Current.CancellationToken);

        Assert.Equal(FailureKind.Database, error.Kind);
        Assert.Contains("stakeholder table reassign_busy.stakeholder", error.Message, StringComparison.Ordinal);
        Assert.Contains("--lock-wait", error.Message, StringComparison.Ordinal);
        Assert.Equal(0L, await TestImport.ScalarAsync<long>(db, "SELECT count(*) FROM reassign_busy.region"));
    }

    private static RegionSyncRequest Request(string schema) =>
        new(2024, ImportRequest.Parse("2024", "STATE", "NM,HI", null).States, RegionSamples.Schema, new RegionTable(schema, "region"), StalePolicy.Retire)
        {
            Stakeholders = new RegionTable(schema, "stakeholder"),
        };

    private static Task<RegionSyncSummary> SyncAsync(NpgsqlDataSource db, RegionSyncRequest request) =>
        new RegionSync(db, NullLogger.Instance).SyncAsync(request, TestContext.Current.CancellationToken);

    /// <summary>True once the sync waits for a lock on <paramref name="table"/>; false if it finished (or failed) first.</summary>
    private static async Task<bool> WaitForLockWaiterAsync(NpgsqlDataSource db, string table, Task sync)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline && !sync.IsCompleted)
        {
            if (await TestImport.ScalarAsync<long>(db, $"SELECT count(*) FROM pg_locks WHERE relation = to_regclass('{table}') AND NOT granted") > 0)
            {
                return true;
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        return false;
    }

    /// <summary>Per stakeholder: "id state county cd sldu sldl" as GEOIDs, "-" for none.</summary>
    private static async Task<string[]> KeysAsync(NpgsqlDataSource db, string schema)
    {
        var joins = string.Join(" ", new[] { "state", "county", "congressional_district", "state_senate_district", "state_house_district" }.Select((t, n) => $"LEFT JOIN {schema}.region r{n} ON r{n}.id = s.{t}_id"));
        await using var command = db.CreateCommand($"SELECT s.id || ' ' || concat_ws(' ', coalesce(r0.geoid, '-'), coalesce(r1.geoid, '-'), coalesce(r2.geoid, '-'), coalesce(r3.geoid, '-'), coalesce(r4.geoid, '-')) FROM {schema}.stakeholder s {joins} ORDER BY s.id");
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var keys = new List<string>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            keys.Add(reader.GetString(0));
        }

        return [.. keys];
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>The app's tables in <paramref name="schema"/>, with a stakeholder (ids from 1) at each of <paramref name="points"/>.</summary>
    private async Task<NpgsqlDataSource> PrepareAsync(string schema, params string[] points)
    {
        var db = postgis.CreateDataSource();
        await RegionSamples.ImportAsync(postgis, db);
        await RegionSamples.CreateRegionTableAsync(db, schema);
        await TestImport.ExecuteAsync(db, string.Format(System.Globalization.CultureInfo.InvariantCulture, Stakeholder, schema));
        if (points.Length > 0)
        {
            await TestImport.ExecuteAsync(db, $"INSERT INTO {schema}.stakeholder (id, location) VALUES {string.Join(", ", points.Select((p, n) => $"({n + 1}, 'SRID=4326;{p}')"))}");
        }

        return db;
    }
}
