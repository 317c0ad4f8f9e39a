using System.Text.Json;
using TigerImport.Tests.Support;

namespace TigerImport.Tests.Regions;

/// <summary>
/// The app's side: a GeoDjango app (tests/geodjango) whose Region model and migrations create the table, then the
/// real CLI's sync-regions, then the app's own query. Needs Debian's python3-django and python3-psycopg2 for
/// /usr/bin/python3 (scripts/install-deps.sh django): skipped without them locally, failed without them on CI.
/// </summary>
[Collection(PostgisCollection.Name)]
public sealed class When_the_GeoDjango_app_reads_synced_regions(PostgisServer postgis) : IDisposable
{
    private const string Python = "/usr/bin/python3";
    private static readonly string Client = Path.Combine(RepoPaths.Root, "tests", "geodjango", "client.py");
    private readonly TempFolder temp = new();

    /// <summary>The schema the app's tables are migrated into (DJANGO_SCHEMA); null: public.</summary>
    private string? appSchema;

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task Its_query_finds_each_district_and_ids_survive_reruns_and_stale_rows_follow_the_policy()
    {
        await using var db = postgis.CreateDataSource();
        await RequireDjangoAsync();
        await RegionSamples.ImportAsync(postgis, db);
        await UseAppSchemaAsync(db, "app_regions");
        await DjangoAsync("migrate");

        // Every state of the vintage: Puerto Rico has no CD sample, so it is refused (exit 3) and the others synced.
        var (exitCode, output) = await SyncAsync();
        Assert.True(exitCode == 3, output);
        Assert.Contains("PR (72) not synced: CD 2024 has no rows for it", output);
        await DjangoAsync("points");

        var ids = Path.Combine(temp.Path, "ids.json");
        await DjangoAsync("snapshot", ids);
        (exitCode, output) = await SyncAsync("--states", "NM,HI");
        Assert.True(exitCode == 0, output);
        Assert.Contains("Summary state_senate_district 2024 into app_regions.region: 0 inserted, 0 updated, 9 unchanged, 0 stale (retired)", output);
        await DjangoAsync("same-ids", ids);

        (exitCode, output) = await SyncAsync("--states", "HI");
        Assert.True(exitCode == 0, output);
        await DjangoAsync("same-ids", ids);

        await DjangoAsync("add-stale");
        (exitCode, output) = await SyncAsync("--states", "NM");
        Assert.True(exitCode == 0, output);
        Assert.Contains("Stale region State Senate District 099 (State 35): not in the vintage; retired", output);
        await DjangoAsync("has", "35099", "35099-01");

        (exitCode, output) = await SyncAsync("--states", "NM", "--stale", "delete");
        Assert.True(exitCode == 0, output);
        Assert.Contains("1 stale (deleted)", output);
        await DjangoAsync("lacks", "35099", "35099-01");
        await DjangoAsync("same-ids", ids);
        await DjangoAsync("points");
    }

    [Fact]
    public async Task After_a_new_plan_every_stakeholder_is_on_the_districts_that_cover_it()
    {
        await using var db = postgis.CreateDataSource();
        await RequireDjangoAsync();
        await RegionSamples.ImportAsync(postgis, db);
        await UseAppSchemaAsync(db, "app_plan");
        await CreatePlansAsync(db);
        await DjangoAsync("migrate");

        // The samples' plan, then the app's stakeholders, assigned by the app itself.
        var (exitCode, output) = await SyncAsync();
        Assert.True(exitCode == 3, output);
        await DjangoAsync("add-stakeholders");
        await DjangoAsync("agree");
        var before = Path.Combine(temp.Path, "keys-before.json");
        await DjangoAsync("keys", before);

        // A refused state moves nobody: New Mexico lacks its senate districts in this release, Hawaii is synced.
        (exitCode, output) = await SyncAsync(["--states", "NM,HI", "--district-schema", "regions_plan_partial"]);
        Assert.True(exitCode == 3, output);
        Assert.Contains("NM (35) not synced: SLDU 2024 has no rows for it", output);
        await DjangoAsync("same-keys", before, "NM ", "HI ", "PR ");

        // The new plan: CD 1 and 2 swap shapes, CD 3 becomes CD 4, HD 52 is split into HD 52 and HD 70.
        var ids = Path.Combine(temp.Path, "ids.json");
        await DjangoAsync("snapshot", ids);
        var report = Path.Combine(temp.Path, "report.json");
        (exitCode, output) = await SyncAsync(["--states", "NM,HI", "--district-schema", "regions_plan", "--report", report]);
        Assert.True(exitCode == 0, output);
        Assert.Contains("Stale region Congressional District 3 (State 35): not in the vintage; retired", output);
        await DjangoAsync("agree");
        await DjangoAsync("same-ids", ids);
        Assert.Equal(
            (1L, "Congressional District 3 (State 35)", "NM-03"),
            (await TestImport.ScalarAsync<long>(db, $"SELECT count(*) FROM {appSchema}.region WHERE geoid = '3503' AND geom IS NULL AND coords IS NULL AND geojson IS NULL"),
             await TestImport.ScalarAsync<string>(db, $"SELECT name FROM {appSchema}.region WHERE geoid = '3503'"),
             await TestImport.ScalarAsync<string>(db, $"SELECT abbrev FROM {appSchema}.region WHERE geoid = '3503'")));

        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(report, TestContext.Current.CancellationToken));
        var counts = json.RootElement.GetProperty("redistricting").EnumerateArray().ToList();
        long Count(string state, string type, string name) =>
            counts.Where(c => c.GetProperty("type").GetString() == type && (state == "*" || c.GetProperty("state").GetString() == state)).Sum(c => c.GetProperty(name).GetInt64());
        Assert.Equal((1L, 2L, 1L, 0L), (Count("35", "congressional_district", "added"), Count("35", "congressional_district", "changed"), Count("35", "congressional_district", "retired"), Count("35", "congressional_district", "unchanged")));
        Assert.Equal((1L, 1L, 0L, 1L), (Count("35", "state_house_district", "added"), Count("35", "state_house_district", "changed"), Count("35", "state_house_district", "retired"), Count("35", "state_house_district", "unchanged")));
        Assert.Equal(0L, counts.Where(c => c.GetProperty("state").GetString() == "15").Sum(c => c.GetProperty("added").GetInt64() + c.GetProperty("changed").GetInt64() + c.GetProperty("retired").GetInt64()));
        var districts = json.RootElement.GetProperty("districts").EnumerateArray().ToList();
        double AreaLost(string geoid) => districts.Single(d => d.GetProperty("geoid").GetString() == geoid && d.GetProperty("type").GetString() != "county").GetProperty("areaLostShare").GetDouble();
        Assert.InRange(AreaLost("3501"), 0.999, 1.0);    // CD 1 now lies where CD 2's arms were: none of its old area is in it
        Assert.InRange(AreaLost("35052"), 0.05, 0.95);   // HD 52 kept one side of the cut

        // The app's side of the same moves: per type, moved, newly assigned and left without, as the report says.
        var moves = JsonDocument.Parse((await DjangoAsync("moves", before))["ok: ".Length..]).RootElement;
        foreach (var type in new[] { "state", "county", "congressional_district", "state_senate_district", "state_house_district" })
        {
            var app_ = moves.GetProperty(type);
            Assert.Equal(
                (app_.GetProperty("moved").GetInt64(), app_.GetProperty("assigned").GetInt64(), app_.GetProperty("left").GetInt64()),
                (Count("*", type, "moved"), Count("*", type, "newlyAssigned"), Count("*", type, "leftWithout")));
        }

        Assert.True(moves.GetProperty("congressional_district").GetProperty("moved").GetInt64() > 10, moves.ToString());
        Assert.True(moves.GetProperty("state_house_district").GetProperty("moved").GetInt64() > 0, moves.ToString());
        var syncId = json.RootElement.GetProperty("syncId").GetGuid();
        Assert.Equal((long)districts.Count, await TestImport.ScalarAsync<long>(db, $"SELECT count(*) FROM regions_src.tiger_region_changes WHERE sync_id = '{syncId}'"));

        // The same plan again: nothing changes, nobody moves.
        (exitCode, output) = await SyncAsync(["--states", "NM,HI", "--district-schema", "regions_plan"]);
        Assert.True(exitCode == 0, output);
        Assert.Contains("Redistricting: no change in 2 synced state(s)", output);

        // Back to the samples' plan with --stale delete: CD 4 and HD 70 go although stakeholders point at them.
        await DjangoAsync("snapshot", ids);
        (exitCode, output) = await SyncAsync(["--states", "NM,HI", "--stale", "delete"]);
        Assert.True(exitCode == 0, output);
        Assert.Contains("Stale region Congressional District 4 (State 35): not in the vintage; deleted", output);
        await DjangoAsync("agree");
        await DjangoAsync("same-ids", ids, "congressional_district 3504", "state_house_district 35070");
        await DjangoAsync("points");
    }

    /// <summary>Two releases of new districts, made from the samples: <c>regions_plan</c>, and <c>regions_plan_partial</c> without New Mexico's SLDU.</summary>
    private static async Task CreatePlansAsync(Npgsql.NpgsqlDataSource db)
    {
        foreach (var plan in new[] { "regions_plan", "regions_plan_partial" })
        {
            await TestImport.ExecuteAsync(db, $"""
                DROP SCHEMA IF EXISTS {plan} CASCADE; CREATE SCHEMA {plan};
                CREATE TABLE {plan}.cd_2024 AS SELECT * FROM {RegionSamples.Schema}.cd_2024;
                CREATE TABLE {plan}.sldu_2024 AS SELECT * FROM {RegionSamples.Schema}.sldu_2024;
                CREATE TABLE {plan}.sldl_2024 AS SELECT * FROM {RegionSamples.Schema}.sldl_2024;
                UPDATE {plan}.cd_2024 d SET geom = o.geom, intptlat = o.intptlat, intptlon = o.intptlon
                    FROM {RegionSamples.Schema}.cd_2024 o WHERE (d.geoid, o.geoid) IN (('3501', '3502'), ('3502', '3501'));
                UPDATE {plan}.cd_2024 SET geoid = '3504', cd119fp = '04' WHERE geoid = '3503';
                INSERT INTO {plan}.sldl_2024 (statefp, sldlst, geoid, geom, intptlat, intptlon, tiger_scope)
                    SELECT statefp, '070', '35070', p.geom, ST_Y(ST_PointOnSurface(p.geom))::text, ST_X(ST_PointOnSurface(p.geom))::text, tiger_scope
                    FROM {plan}.sldl_2024, LATERAL (SELECT ST_Multi(ST_CollectionExtract(ST_Intersection(geom, ST_MakeEnvelope(-106.8, -90, 180, 90, 4326)), 3)) AS geom) p
                    WHERE geoid = '35052';
                UPDATE {plan}.sldl_2024 SET geom = ST_Multi(ST_CollectionExtract(ST_Intersection(geom, ST_MakeEnvelope(-180, -90, -106.8, 90, 4326)), 3)) WHERE geoid = '35052';
                """);
        }

        await TestImport.ExecuteAsync(db, "DELETE FROM regions_plan_partial.sldu_2024 WHERE statefp = '35'");
    }

    private static async Task RequireDjangoAsync()
    {
        var ready = File.Exists(Python) && (await ExternalTool.RunAsync(Python, ["-c", "import django, psycopg2"])).ExitCode == 0;
        if (!ready && Environment.GetEnvironmentVariable("CI") == "true")
        {
            Assert.Fail($"{Python} cannot import django and psycopg2 on CI: scripts/install-deps.sh django installs python3-django and python3-psycopg2.");
        }

        Assert.SkipUnless(ready, $"{Python} cannot import django and psycopg2 (apt-get install python3-django python3-psycopg2, or scripts/install-deps.sh django): skipped.");
    }

    private async Task<string> DjangoAsync(params string[] step)
    {
        var (exitCode, output) = await ExternalTool.RunAsync(
            Python, [Client, .. step], new Dictionary<string, string?> { ["DJANGO_DATABASE_URL"] = postgis.Url, ["DJANGO_SCHEMA"] = appSchema });
        Assert.True(exitCode == 0, $"client.py {string.Join(' ', step)} exited {exitCode}:\n{output}");
        Assert.StartsWith("ok: ", output);
        return output.Trim();
    }

    /// <summary>The real CLI's sync-regions into the app's tables (in <see cref="appSchema"/>).</summary>
    private Task<(int ExitCode, string Output)> SyncAsync(params string[] arguments) => CliProcess.RunAsync(
        postgis.Url,
        ["sync-regions", "--year", "2024", "--schema", RegionSamples.Schema, "--region-table", $"{appSchema}.region", "--stakeholder-table", $"{appSchema}.stakeholder", .. arguments]);

    /// <summary>The app's tables go into a schema of the test's own (Django's search_path), so the tests never share them.</summary>
    private async Task UseAppSchemaAsync(Npgsql.NpgsqlDataSource db, string schema)
    {
        appSchema = schema;
        await TestImport.ExecuteAsync(db, $"DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema};");
    }
}
