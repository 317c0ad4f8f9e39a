using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using TigerImport.Catalog;
using TigerImport.Regions;
using TigerImport.Tests.Support;

namespace TigerImport.Tests.Regions;

[Collection(PostgisCollection.Name)]
public sealed class When_regions_are_synced(PostgisServer postgis)
{
    [Fact]
    public async Task Every_row_is_named_as_the_app_names_it_with_its_state_as_parent()
    {
        await using var db = await PrepareAsync("sync_names");

        var summary = await SyncAsync(db, "sync_names", "NM,HI");

        Assert.Equal([2L, 3, 5, 9, 4], summary.Types.Select(t => t.Inserted));
        var rows = await RowsAsync(db, "sync_names");
        Assert.Equal(("New Mexico", "NM", "NM", (string?)null), Describe(rows, "state", "35"));
        Assert.Equal(("Doña Ana County, State 35", "Doña Ana", "NM-Doña Ana", "35"), Describe(rows, "county", "35013"));
        Assert.Equal(("Congressional District 2 (State 15)", "CD-02", "HI-02", "15"), Describe(rows, "congressional_district", "1502"));
        Assert.Equal(("State Senate District 031 (State 35)", "SD-031", "NM-SD-031", "35"), Describe(rows, "state_senate_district", "35031"));
        Assert.Equal(("State House District 002 (State 15)", "HD-002", "HI-HD-002", "15"), Describe(rows, "state_house_district", "15002"));
        Assert.DoesNotContain(rows, r => r.Geoid == "35037");  // the null-shape senate district was rejected by the import

        Assert.Equal("POINT(-106.75 32.515)", await TestImport.ScalarAsync<string>(db, "SELECT ST_AsText(coords) FROM sync_names.region WHERE geoid = '35053'"));
        Assert.Equal(0L, await TestImport.ScalarAsync<long>(db, "SELECT count(*) FROM sync_names.region WHERE NOT ST_IsValid(geom) OR ST_SRID(geom) <> 4326 OR geojson IS NULL"));

        // geojson: the cartographic boundary feature where one is loaded (CD), else TIGER/Line simplified.
        Assert.True(await TestImport.ScalarAsync<bool>(db, $"""
            SELECT bool_and(ST_Equals(ST_GeomFromGeoJSON(r.geojson), ST_SetSRID(c.geom, 4326)))
            FROM sync_names.region r JOIN {RegionSamples.Schema}.cb_cd_2024_500k c ON c.geoid = r.geoid WHERE r.type = 'congressional_district'
            """));
        Assert.False(await TestImport.ScalarAsync<bool>(db, "SELECT ST_Equals(ST_GeomFromGeoJSON(geojson), geom) FROM sync_names.region WHERE geoid = '3502' AND type = 'congressional_district'"));
        Assert.True(await TestImport.ScalarAsync<bool>(db, $"""
            SELECT bool_and(ST_Equals(ST_GeomFromGeoJSON(geojson), ST_SimplifyPreserveTopology(geom, {RegionSync.SimplifyTolerance})))
            FROM sync_names.region WHERE type = 'state_house_district'
            """));
    }

    [Fact]
    public async Task A_second_sync_and_a_one_state_rerun_keep_every_id_and_touch_only_that_state()
    {
        await using var db = await PrepareAsync("sync_again");
        await SyncAsync(db, "sync_again", "NM,HI");
        var first = await RowsAsync(db, "sync_again");
        await TestImport.ExecuteAsync(db, """
            UPDATE sync_again.region SET label = 'edited by hand' WHERE geoid IN ('35031', '15002') AND type = 'state_senate_district';
            UPDATE sync_again.region SET geom = ST_Multi(ST_Translate(geom, 0.000001, 0)) WHERE geoid = '15001' AND type = 'county';
            """);
        var untouched = await TestImport.ScalarAsync<string>(db, "SELECT string_agg(xmin::text, ',' ORDER BY id) FROM sync_again.region WHERE left(geoid, 2) = '35'");

        var again = await SyncAsync(db, "sync_again", "HI");

        Assert.Equal([0L, 1, 0, 1, 0], again.Types.Select(t => t.Updated));
        Assert.Equal([0L, 0, 0, 0, 0], again.Types.Select(t => t.Inserted));
        Assert.Equal([1L, 0, 2, 3, 2], again.Types.Select(t => t.Unchanged));
        var second = await RowsAsync(db, "sync_again");
        Assert.Equal(first.Select(r => (r.Id, r.Type, r.Geoid)), second.Select(r => (r.Id, r.Type, r.Geoid)));
        Assert.Equal("SD-002", second.Single(r => r.Geoid == "15002" && r.Type == "state_senate_district").Label);
        Assert.Equal("edited by hand", second.Single(r => r.Geoid == "35031").Label);
        Assert.True(await TestImport.ScalarAsync<bool>(db, $"""
            SELECT r.geom = ST_SetSRID(c.geom, 4326) FROM sync_again.region r JOIN {RegionSamples.Schema}.county_2024 c ON c.geoid = r.geoid WHERE r.type = 'county' AND r.geoid = '15001'
            """));
        Assert.Equal(untouched, await TestImport.ScalarAsync<string>(db, "SELECT string_agg(xmin::text, ',' ORDER BY id) FROM sync_again.region WHERE left(geoid, 2) = '35'"));

        var third = await SyncAsync(db, "sync_again", "NM,HI");
        Assert.Equal(1L, third.Types.Sum(t => t.Updated));
        Assert.Equal(first.Select(r => r.Id), (await RowsAsync(db, "sync_again")).Select(r => r.Id));
    }

    [Fact]
    public async Task A_stale_district_is_kept_and_reported_by_default_and_deleted_with_its_children_on_request()
    {
        await using var db = await PrepareAsync("sync_stale");
        await SyncAsync(db, "sync_stale", "NM,HI");
        await TestImport.ExecuteAsync(db, """
            INSERT INTO sync_stale.region (parent_id, geoid, name, type)
            SELECT id, '35099', 'State Senate District 099 (State 35)', 'state_senate_district' FROM sync_stale.region WHERE type = 'state' AND geoid = '35';
            INSERT INTO sync_stale.region (parent_id, geoid, name, type)
            SELECT id, '35099-A', 'A child of the old district', 'precinct' FROM sync_stale.region WHERE geoid = '35099';
            INSERT INTO sync_stale.region (geoid, name, type) VALUES ('48001', 'Texas senate district outside the sync', 'state_senate_district');
            """);

        var kept = await SyncAsync(db, "sync_stale", "NM,HI");

        Assert.Equal(1L, kept.Types.Single(t => t.Type == "state_senate_district").Stale);
        Assert.Equal(["State Senate District 099 (State 35)"], kept.StaleRows);
        Assert.Equal(3L, await TestImport.ScalarAsync<long>(db, "SELECT count(*) FROM sync_stale.region WHERE geoid IN ('35099', '35099-A', '48001')"));

        var deleted = await SyncAsync(db, "sync_stale", "NM,HI", StalePolicy.Delete);

        Assert.Equal(StalePolicy.Delete, deleted.Stale);
        Assert.Equal(["State Senate District 099 (State 35)"], deleted.StaleRows);
        Assert.Equal(["48001"], await ColumnAsync(db, "SELECT geoid FROM sync_stale.region WHERE geoid IN ('35099', '35099-A', '48001')"));
    }

    [Fact]
    public async Task A_state_without_its_congressional_districts_is_refused_whole_and_the_others_are_synced()
    {
        await using var db = await PrepareAsync("sync_refuse");

        var summary = await SyncAsync(db, "sync_refuse", null);

        Assert.Equal(["15", "35"], summary.Synced);
        var refusal = Assert.Single(summary.Refused);
        Assert.StartsWith("PR (72) not synced: CD 2024 has no rows for it", refusal);
        Assert.Equal(0L, await TestImport.ScalarAsync<long>(db, "SELECT count(*) FROM sync_refuse.region WHERE left(geoid, 2) = '72'"));
        Assert.Equal(23L, await TestImport.ScalarAsync<long>(db, "SELECT count(*) FROM sync_refuse.region"));
    }

    [Fact]
    public async Task A_name_another_row_holds_gets_the_GEOID_appended_and_is_reported()
    {
        await using var db = await PrepareAsync("sync_names_taken");
        await TestImport.ExecuteAsync(db, "INSERT INTO sync_names_taken.region (geoid, name, type) VALUES ('x', 'Doña Ana County, State 35', 'county')");

        var summary = await SyncAsync(db, "sync_names_taken", "NM");

        Assert.Equal(["county 35013 named Doña Ana County, State 35 (35013)"], summary.Collisions);
        Assert.Equal(1L, await TestImport.ScalarAsync<long>(db, "SELECT count(*) FROM sync_names_taken.region WHERE name = 'Doña Ana County, State 35 (35013)'"));
        Assert.Equal(summary.Collisions, (await SyncAsync(db, "sync_names_taken", "NM")).Collisions);
    }

    [Fact]
    public async Task Layers_stored_in_another_SRID_arrive_in_4326()
    {
        await using var db = await PrepareAsync("sync_srid");
        using var folder = RegionSamples.Folder();
        foreach (var states in new[] { (string?)null, "NM" })
        {
            var summary = await TestImport.RunAsync(db, folder.Path, "regions_3857", 2024, states is null ? "STATE,COUNTY" : "CD,SLDU,SLDL", states, srid: 3857);
            Assert.Null(summary.WorstFailure);
        }

        await new RegionSync(db, NullLogger.Instance).SyncAsync(
            new RegionSyncRequest(2024, [UsStates.ByFips("35")], "regions_3857", new RegionTable("sync_srid", "region"), StalePolicy.Keep), TestContext.Current.CancellationToken);

        Assert.Equal(0L, await TestImport.ScalarAsync<long>(db, $"""
            SELECT count(*) FROM sync_srid.region r JOIN {RegionSamples.Schema}.cd_2024 c ON c.geoid = r.geoid AND r.type = 'congressional_district'
            WHERE ST_SRID(r.geom) <> 4326 OR ST_HausdorffDistance(r.geom, ST_SetSRID(c.geom, 4326)) > 1e-7
            """));
        Assert.Equal(3L, await TestImport.ScalarAsync<long>(db, "SELECT count(*) FROM sync_srid.region WHERE type = 'congressional_district'"));
    }

    [Fact]
    public async Task An_at_large_district_is_named_so_water_pseudo_districts_are_skipped_and_Nebraska_needs_no_SLDL()
    {
        await using var db = await PrepareAsync("sync_at_large");
        await TestImport.ExecuteAsync(db, """
            DROP SCHEMA IF EXISTS at_large CASCADE; CREATE SCHEMA at_large;
            CREATE TABLE at_large.state_2024 AS SELECT * FROM (VALUES ('56', '56', 'WY', 'Wyoming'), ('31', '31', 'NE', 'Nebraska')) s(statefp, geoid, stusps, name);
            CREATE TABLE at_large.county_2024 AS SELECT * FROM (VALUES ('56', '56001', 'Albany'), ('31', '31001', 'Adams')) c(statefp, geoid, name);
            CREATE TABLE at_large.cd_2024 AS SELECT * FROM (VALUES ('56', '00', '5600'), ('31', '01', '3101'), ('31', 'ZZ', '31ZZ')) d(statefp, cd119fp, geoid);
            CREATE TABLE at_large.sldu_2024 AS SELECT * FROM (VALUES ('56', '001', '56001'), ('31', '049', '31049')) d(statefp, sldust, geoid);
            CREATE TABLE at_large.sldl_2024 AS SELECT * FROM (VALUES ('56', '001', '56001'), ('56', 'ZZZ', '56ZZZ')) d(statefp, sldlst, geoid);
            DO $$
            DECLARE layer text;
            BEGIN
                FOREACH layer IN ARRAY ARRAY['state_2024', 'county_2024', 'cd_2024', 'sldu_2024', 'sldl_2024'] LOOP
                    EXECUTE format('ALTER TABLE at_large.%I ADD COLUMN geom geometry(MultiPolygon, 4326), ADD COLUMN intptlat text, ADD COLUMN intptlon text', layer);
                    EXECUTE format($u$UPDATE at_large.%I SET geom = ST_Multi(ST_MakeEnvelope(-104, 41, -103, 42, 4326)), intptlat = '+41.5', intptlon = '-103.5'$u$, layer);
                END LOOP;
            END $$;
            """);

        var summary = await new RegionSync(db, NullLogger.Instance).SyncAsync(
            new RegionSyncRequest(2024, null, "at_large", new RegionTable("sync_at_large", "region"), StalePolicy.Keep), TestContext.Current.CancellationToken);

        Assert.Empty(summary.Refused);
        Assert.Equal(["31", "56"], summary.Synced.Order());
        var rows = await RowsAsync(db, "sync_at_large");
        Assert.Equal(("At-Large Congressional District (State 56)", "CD-00", "WY-00", "56"), Describe(rows, "congressional_district", "5600"));
        Assert.Equal(("Congressional District 1 (State 31)", "CD-01", "NE-01", "31"), Describe(rows, "congressional_district", "3101"));
        Assert.DoesNotContain(rows, r => r.Geoid.Contains('Z', StringComparison.Ordinal));
        Assert.DoesNotContain(rows, r => r.Type == "state_house_district" && r.Geoid.StartsWith("31", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_missing_region_table_is_a_usage_error()
    {
        await using var db = await PrepareAsync("sync_no_table");

        var error = await Assert.ThrowsAsync<TigerImportException>(() => new RegionSync(db, NullLogger.Instance).SyncAsync(
            new RegionSyncRequest(2024, null, RegionSamples.Schema, new RegionTable("sync_no_table", "regions"), StalePolicy.Keep), TestContext.Current.CancellationToken));

        Assert.Equal(FailureKind.Usage, error.Kind);
    }

    [Fact]
    public async Task A_missing_stakeholder_table_is_skipped_and_said_and_one_without_the_contract_columns_is_a_usage_error()
    {
        await using var db = await PrepareAsync("sync_contract");
        var request = new RegionSyncRequest(2024, [UsStates.ByFips("35")], RegionSamples.Schema, new RegionTable("sync_contract", "region"), StalePolicy.Retire)
        {
            Stakeholders = new RegionTable("sync_contract", "stakeholder"),
        };

        var skipped = await new RegionSync(db, NullLogger.Instance).SyncAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal("the stakeholder table sync_contract.stakeholder does not exist", skipped.Stakeholders?.Skipped);

        await TestImport.ExecuteAsync(db, """
            CREATE TABLE sync_contract.stakeholder (id bigint PRIMARY KEY, location geography(Point, 4326),
                state_id bigint, county_id bigint, congressional_district_id bigint, state_senate_district_id bigint);
            UPDATE sync_contract.region SET label = 'edited' WHERE geoid = '3501';
            """);
        var error = await Assert.ThrowsAsync<TigerImportException>(() => new RegionSync(db, NullLogger.Instance).SyncAsync(request, TestContext.Current.CancellationToken));

        Assert.Equal(FailureKind.Usage, error.Kind);
        Assert.Contains("The stakeholder table sync_contract.stakeholder has no column state_house_district_id", error.Message);
        Assert.Equal("edited", await TestImport.ScalarAsync<string>(db, "SELECT label FROM sync_contract.region WHERE geoid = '3501'"));
    }

    [Fact]
    public async Task A_point_on_a_shared_boundary_gets_the_lowest_GEOID_and_only_changed_stakeholders_are_written()
    {
        await using var db = await PrepareAsync("sync_ties");
        await TestImport.ExecuteAsync(db, """
            CREATE TABLE sync_ties.stakeholder (id bigint PRIMARY KEY, location geography(Point, 4326), state_id bigint, county_id bigint,
                congressional_district_id bigint, state_senate_district_id bigint, state_house_district_id bigint);
            INSERT INTO sync_ties.stakeholder (id, location) VALUES
                (1, 'SRID=4326;POINT(-106.9 32.5)'), (2, 'SRID=4326;POINT(-106.75 32.5)'), (3, NULL), (4, 'SRID=4326;POINT(-66.5 18.25)');
            """);
        var request = new RegionSyncRequest(2024, ImportRequest.Parse("2024", "STATE", "NM,HI", null).States, RegionSamples.Schema, new RegionTable("sync_ties", "region"), StalePolicy.Retire)
        {
            Stakeholders = new RegionTable("sync_ties", "stakeholder"),
        };

        var first = await new RegionSync(db, NullLogger.Instance).SyncAsync(request, TestContext.Current.CancellationToken);
        var untouched = await TestImport.ScalarAsync<string>(db, "SELECT string_agg(xmin::text, ',' ORDER BY id) FROM sync_ties.stakeholder");
        var again = await new RegionSync(db, NullLogger.Instance).SyncAsync(request, TestContext.Current.CancellationToken);

        // Both house districts cover the point on their shared edge: the lower GEOID wins, as documented.
        Assert.Equal(2L, await TestImport.ScalarAsync<long>(db, "SELECT count(*) FROM sync_ties.region WHERE type = 'state_house_district' AND ST_Covers(geom, 'SRID=4326;POINT(-106.9 32.5)'::geometry)"));
        Assert.Equal(
            ["1 35 35052", "2 35 35053", "3 - -", "4 - -"],
            await ColumnAsync(db, """
                SELECT s.id || ' ' || coalesce(st.geoid, '-') || ' ' || coalesce(hd.geoid, '-') FROM sync_ties.stakeholder s
                LEFT JOIN sync_ties.region st ON st.id = s.state_id LEFT JOIN sync_ties.region hd ON hd.id = s.state_house_district_id ORDER BY s.id
                """));
        Assert.Equal((2L, 2L, 0L), (first.Stakeholders!.Written, first.Stakeholders.Located, again.Stakeholders!.Written));
        Assert.Equal(untouched, await TestImport.ScalarAsync<string>(db, "SELECT string_agg(xmin::text, ',' ORDER BY id) FROM sync_ties.stakeholder"));
        Assert.True(again.NoChange);
        Assert.Equal(10, first.Redistricting.Sum(r => (int)r.NewlyAssigned));
    }

    [Fact]
    public async Task Districts_can_come_from_a_newer_vintage_than_the_states_and_counties()
    {
        await using var db = await PrepareAsync("sync_newer");
        await TestImport.ExecuteAsync(db, $"""
            DROP SCHEMA IF EXISTS regions_newer CASCADE; CREATE SCHEMA regions_newer;
            CREATE TABLE regions_newer.state_2024 AS SELECT * FROM {RegionSamples.Schema}.state_2024;
            CREATE TABLE regions_newer.county_2024 AS SELECT * FROM {RegionSamples.Schema}.county_2024;
            CREATE TABLE regions_newer.cd_2025 AS SELECT * FROM {RegionSamples.Schema}.cd_2024;
            CREATE TABLE regions_newer.sldu_2025 AS SELECT * FROM {RegionSamples.Schema}.sldu_2024;
            CREATE TABLE regions_newer.sldl_2025 AS SELECT * FROM {RegionSamples.Schema}.sldl_2024 WHERE statefp = '15';
            UPDATE regions_newer.cd_2025 SET geoid = '3504', cd119fp = '04' WHERE geoid = '3503';
            """);
        var request = new RegionSyncRequest(2024, ImportRequest.Parse("2024", "STATE", "NM,HI", null).States, "regions_newer", new RegionTable("sync_newer", "region"), StalePolicy.Retire)
        {
            DistrictYear = 2025,
        };

        var summary = await new RegionSync(db, NullLogger.Instance).SyncAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(["15"], summary.Synced);
        Assert.StartsWith("NM (35) not synced: SLDL 2025 has no rows for it", Assert.Single(summary.Refused));
        Assert.Equal(2025, summary.DistrictYear);
        Assert.Equal([1L, 1, 2, 4, 2], summary.Types.Select(t => t.Inserted));
        Assert.Equal(2025, await TestImport.ScalarAsync<int>(db, $"SELECT DISTINCT district_year FROM regions_newer.tiger_region_changes WHERE sync_id = '{summary.SyncId}'"));
    }

    private async Task<NpgsqlDataSource> PrepareAsync(string schema)
    {
        var db = postgis.CreateDataSource();
        await RegionSamples.ImportAsync(postgis, db);
        await RegionSamples.CreateRegionTableAsync(db, schema);
        return db;
    }

    private static Task<RegionSyncSummary> SyncAsync(NpgsqlDataSource db, string schema, string? states, StalePolicy stale = StalePolicy.Keep) =>
        new RegionSync(db, NullLogger.Instance).SyncAsync(
            new RegionSyncRequest(2024, states is null ? null : ImportRequest.Parse("2024", "STATE", states, null).States, RegionSamples.Schema, new RegionTable(schema, "region"), stale),
            TestContext.Current.CancellationToken);

    private static (string Name, string? Label, string? Abbrev, string? ParentGeoid) Describe(List<Row> rows, string type, string geoid)
    {
        var row = rows.Single(r => r.Type == type && r.Geoid == geoid);
        return (row.Name, row.Label, row.Abbrev, rows.SingleOrDefault(r => r.Id == row.ParentId)?.Geoid);
    }

    private static async Task<List<Row>> RowsAsync(NpgsqlDataSource db, string schema)
    {
        await using var command = db.CreateCommand($"SELECT id, parent_id, geoid, type, name, label, abbrev FROM {schema}.region ORDER BY id");
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var rows = new List<Row>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            rows.Add(new Row(
                reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetInt64(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6)));
        }

        return rows;
    }

    private static async Task<List<string>> ColumnAsync(NpgsqlDataSource db, string sql)
    {
        await using var command = db.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var values = new List<string>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    private sealed record Row(long Id, long? ParentId, string Geoid, string Type, string Name, string? Label, string? Abbrev);
}
