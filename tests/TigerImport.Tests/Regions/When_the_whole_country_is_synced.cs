using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using TigerImport.Catalog;
using TigerImport.Regions;
using TigerImport.Tests.Support;

namespace TigerImport.Tests.Regions;

/// <summary>
/// The national job at full size on synthetic layers: 52 states, 3,224 counties and 7,072 districts (8 CDs, 38 senate
/// and 90 house districts per state; the real 2024 counts are 437, about 1,950 and 4,800), each a 513-vertex polygon.
/// </summary>
[Collection(PostgisCollection.Name)]
public sealed class When_the_whole_country_is_synced(PostgisServer postgis)
{
    private const string Schema = "regions_scale";

    [Fact]
    public async Task It_takes_seconds_and_a_rerun_changes_nothing()
    {
        await using var db = postgis.CreateDataSource();
        await CreateLayersAsync(db);
        await RegionSamples.CreateRegionTableAsync(db, "scale_app");
        var sync = new RegionSync(db, NullLogger.Instance);
        var request = new RegionSyncRequest(2024, null, Schema, new RegionTable("scale_app", "region"), StalePolicy.Keep);

        var clock = Stopwatch.StartNew();
        var first = await sync.SyncAsync(request, TestContext.Current.CancellationToken);
        var firstSeconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var second = await sync.SyncAsync(request, TestContext.Current.CancellationToken);
        var secondSeconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        await sync.SyncAsync(request with { States = [UsStates.ByFips("06")] }, TestContext.Current.CancellationToken);
        var oneStateSeconds = clock.Elapsed.TotalSeconds;

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"region sync of 10,348 rows (7,072 districts): first {firstSeconds:F1} s, unchanged rerun {secondSeconds:F1} s, one state {oneStateSeconds:F1} s");
        Assert.Equal([52L, 3_224, 416, 1_976, 4_680], first.Types.Select(t => t.Inserted));
        Assert.Equal([52L, 3_224, 416, 1_976, 4_680], second.Types.Select(t => t.Unchanged));
        Assert.Equal(0L, second.Types.Sum(t => t.Inserted + t.Updated));

        // The ORM loop it replaces takes minutes; a set-based sync on 2 busy cores must stay well under one.
        Assert.True(firstSeconds < 60, $"the first sync took {firstSeconds:F1} s");
    }

    private static async Task CreateLayersAsync(NpgsqlDataSource db)
    {
        var states = UsStates.StatesDcAndPuertoRico;
        await TestImport.ExecuteAsync(db, $"""
            DROP SCHEMA IF EXISTS {Schema} CASCADE; CREATE SCHEMA {Schema};
            CREATE TABLE {Schema}.state_2024 (statefp text, geoid text, stusps text, name text, x0 float8, y0 float8);
            """);
        await using (var command = db.CreateCommand($"""
            -- Each state a 4° cell of a 13-column grid; its features 0.2° apart inside it.
            INSERT INTO {Schema}.state_2024
                SELECT s.fips, s.fips, s.usps, s.name, -125 + ((s.n - 1) % 13) * 4.0, 20 + ((s.n - 1) / 13) * 4.0
                FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY s(fips, usps, name, n)
            """))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = states.Select(s => s.Fips).ToArray() });
            command.Parameters.Add(new NpgsqlParameter { Value = states.Select(s => s.Usps).ToArray() });
            command.Parameters.Add(new NpgsqlParameter { Value = states.Select(s => s.Name).ToArray() });
            await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        await TestImport.ExecuteAsync(db, $"""
            ALTER TABLE {Schema}.state_2024 ADD COLUMN geom geometry(MultiPolygon, 4326), ADD COLUMN intptlat text, ADD COLUMN intptlon text;
            UPDATE {Schema}.state_2024 SET geom = ST_Multi(ST_MakeEnvelope(x0, y0, x0 + 4, y0 + 4, 4326)), intptlat = (y0 + 2)::text, intptlon = (x0 + 2)::text;
            CREATE FUNCTION pg_temp.features(per_state int, offset_slots int) RETURNS TABLE (statefp text, k int, geom geometry, intptlat text, intptlon text)
            LANGUAGE sql AS $$
                SELECT s.statefp, k, ST_Multi(ST_Buffer(ST_SetSRID(ST_MakePoint(x, y), 4326), 0.09, 128)), y::text, x::text
                FROM {Schema}.state_2024 s, generate_series(1, per_state) k,
                    LATERAL (SELECT s.x0 + 0.1 + ((k + offset_slots - 1) % 19) * 0.2 AS x, s.y0 + 0.1 + ((k + offset_slots - 1) / 19) * 0.2 AS y) p
            $$;
            CREATE TABLE {Schema}.county_2024 AS
                SELECT statefp, statefp || lpad(k::text, 3, '0') AS geoid, 'County ' || k AS name, geom, intptlat, intptlon FROM pg_temp.features(62, 0);
            CREATE TABLE {Schema}.cd_2024 AS
                SELECT statefp, lpad(k::text, 2, '0') AS cd119fp, statefp || lpad(k::text, 2, '0') AS geoid, geom, intptlat, intptlon FROM pg_temp.features(8, 62);
            CREATE TABLE {Schema}.sldu_2024 AS
                SELECT statefp, lpad(k::text, 3, '0') AS sldust, statefp || lpad(k::text, 3, '0') AS geoid, geom, intptlat, intptlon FROM pg_temp.features(38, 70);
            CREATE TABLE {Schema}.sldl_2024 AS
                SELECT statefp, lpad(k::text, 3, '0') AS sldlst, statefp || lpad(k::text, 3, '0') AS geoid, geom, intptlat, intptlon FROM pg_temp.features(90, 108);
            ANALYZE {Schema}.state_2024, {Schema}.county_2024, {Schema}.cd_2024, {Schema}.sldu_2024, {Schema}.sldl_2024;
            """);
    }
}
