using TigerImport.Tests.Support;

namespace TigerImport.Tests.Regions;

/// <summary>The sync as an operator runs it: <c>sync-regions</c> and <c>import --sync-regions</c> / TIGER_SYNC_REGIONS.</summary>
[Collection(PostgisCollection.Name)]
public sealed class When_an_operator_syncs_regions(PostgisServer postgis)
{
    [Theory]
    [InlineData("--stale", "drop", "--stale (TIGER_REGION_STALE) must be retire, keep or delete")]
    [InlineData("--region-table", "app.public.region", "--region-table (TIGER_REGION_TABLE) must be")]
    [InlineData("--year", "2009", "--year (TIGER_YEAR)")]
    [InlineData("--states", "ZZ", "Unknown state 'ZZ'")]
    [InlineData("--stakeholder-table", "app.public.stakeholder", "--stakeholder-table (TIGER_STAKEHOLDER_TABLE) must be")]
    [InlineData("--reassign", "some", "--reassign (TIGER_REASSIGN) must be changed or all")]
    [InlineData("--district-year", "2023", "--district-year (TIGER_DISTRICT_YEAR) must be a TIGER/Line vintage from --year (2024)")]
    public async Task A_wrong_option_exits_2_before_touching_the_database(string option, string value, string message)
    {
        string[] year = option == "--year" ? [] : ["--year", "2024"];
        var (exitCode, output) = await CliProcess.RunAsync("postgres://nobody@127.0.0.1:1/none", ["sync-regions", .. year, option, value]);

        Assert.Equal(2, exitCode);
        Assert.Contains(message, output);
    }

    [Fact]
    public async Task Help_names_every_sync_variable()
    {
        var (syncExit, sync) = await CliProcess.RunAsync(null, "sync-regions", "--help");
        var (importExit, import) = await CliProcess.RunAsync(null, "import", "--help");

        Assert.Equal((0, 0), (syncExit, importExit));
        Assert.All(new[] { "TIGER_YEAR", "TIGER_STATES", "TIGER_SCHEMA", "TIGER_REGION_TABLE", "TIGER_REGION_STALE", "TIGER_STAKEHOLDER_TABLE", "TIGER_DISTRICT_YEAR", "TIGER_DISTRICT_SCHEMA", "TIGER_REPORT", "TIGER_REASSIGN" }, v => Assert.Contains(v, sync));
        Assert.All(new[] { "TIGER_SYNC_REGIONS", "TIGER_REGION_TABLE", "TIGER_REGION_STALE", "TIGER_STAKEHOLDER_TABLE", "TIGER_DISTRICT_YEAR", "TIGER_REASSIGN" }, v => Assert.Contains(v, import));
    }

    /// <summary>
    /// The app's tables belong to the app's role; the worker's role (the tests' own) gets only the grants below, given
    /// by that owner as an administrator would, then loses the membership that made the tables: the sync is exit 5
    /// naming the GRANT docs/database-role.md lists, and the region table is unchanged.
    /// </summary>
    [Theory]
    [InlineData("SELECT, UPDATE, DELETE", "SELECT, UPDATE", "GRANT SELECT, INSERT, UPDATE, DELETE ON \"grants_app\".\"region\" TO")]
    [InlineData("SELECT, INSERT, UPDATE, DELETE", "SELECT", "GRANT SELECT, UPDATE ON \"grants_app\".\"stakeholder\" TO")]
    public async Task A_grant_missing_on_the_apps_tables_is_exit_5_naming_it(string regionRights, string stakeholderRights, string says)
    {
        await using var db = postgis.CreateDataSource();
        await RegionSamples.ImportAsync(postgis, db);
        var owner = $"app_owner_{Guid.NewGuid():N}"[..22];
        var worker = await TestImport.ScalarAsync<string>(db, "SELECT current_user");
        await TestImport.ExecuteAsync(db, $"""
            DROP SCHEMA IF EXISTS grants_app CASCADE;
            CREATE ROLE {owner}; GRANT {owner} TO current_user;
            CREATE SCHEMA grants_app AUTHORIZATION {owner};
            SET ROLE {owner};
            {string.Format(System.Globalization.CultureInfo.InvariantCulture, RegionSamples.RegionDdl, "grants_app")}
            CREATE TABLE grants_app.stakeholder (id bigint PRIMARY KEY, location geography(Point, 4326), state_id bigint, county_id bigint,
                congressional_district_id bigint, state_senate_district_id bigint, state_house_district_id bigint);
            INSERT INTO grants_app.stakeholder (id, location) VALUES (1, 'SRID=4326;POINT(-106.75 32.5)');
            GRANT USAGE ON SCHEMA grants_app TO {worker};
            GRANT {regionRights} ON grants_app.region TO {worker};
            GRANT {stakeholderRights} ON grants_app.stakeholder TO {worker};
            RESET ROLE;
            REVOKE {owner} FROM current_user;
            """);
        try
        {
            Assert.False(await TestImport.ScalarAsync<bool>(db, $"SELECT pg_has_role('{owner}', 'USAGE')"));

            var (exitCode, output) = await CliProcess.RunAsync(
                postgis.Url,
                "sync-regions", "--year", "2024", "--states", "NM", "--schema", RegionSamples.Schema, "--region-table", "grants_app.region", "--stakeholder-table", "grants_app.stakeholder");

            Assert.True(exitCode == 5, output);
            Assert.True(output.Contains($"{says} {worker}", StringComparison.Ordinal), output);
            Assert.Contains("docs/database-role.md", output);
            Assert.Equal(0L, await TestImport.ScalarAsync<long>(db, "SELECT count(*) FROM grants_app.region"));

            // plan and import --sync-regions find it with the run's other rights: before anything is loaded (--force would republish).
            using var folder = RegionSamples.Folder();
            string[] import = ["--source", folder.Path, "--year", "2024", "--layers", "STATE", "--states", "NM", "--schema", RegionSamples.Schema, "--force", "--sync-regions",
                "--region-table", "grants_app.region", "--stakeholder-table", "grants_app.stakeholder"];
            var published = await PublishedStateAsync(db);
            var (planExit, plan) = await CliProcess.RunAsync(postgis.Url, ["plan", "--exit-code", .. import]);
            var (importExit, imported) = await CliProcess.RunAsync(postgis.Url, ["import", .. import]);

            Assert.True(planExit == 5, plan);
            Assert.True(System.Text.RegularExpressions.Regex.Replace(plan, "\\s+", " ").Contains($"{says} {worker}", StringComparison.Ordinal), plan); // plan wraps at 80 columns
            Assert.True(importExit == 5, imported);
            Assert.True(imported.Contains($"{says} {worker}", StringComparison.Ordinal), imported);
            Assert.Equal(published, await PublishedStateAsync(db));
        }
        finally
        {
            await TestImport.ExecuteAsync(db, $"GRANT {owner} TO current_user; DROP SCHEMA grants_app CASCADE; DROP OWNED BY {owner}; REVOKE {owner} FROM current_user; DROP ROLE {owner}");
        }
    }

    [Fact]
    public async Task A_missing_region_table_stops_plan_and_import_sync_regions_with_exit_2_before_loading()
    {
        await using var db = postgis.CreateDataSource();
        await RegionSamples.ImportAsync(postgis, db);
        using var folder = RegionSamples.Folder();
        string[] import = ["--source", folder.Path, "--year", "2024", "--layers", "STATE", "--states", "NM", "--schema", RegionSamples.Schema, "--force", "--sync-regions", "--region-table", "no_app.region"];
        var published = await PublishedStateAsync(db);

        var (planExit, plan) = await CliProcess.RunAsync(postgis.Url, ["plan", "--exit-code", .. import]);
        var (importExit, imported) = await CliProcess.RunAsync(postgis.Url, ["import", .. import]);

        Assert.True(planExit == 2, plan);
        Assert.Contains("The region table no_app.region does not exist", plan);
        Assert.True(importExit == 2, imported);
        Assert.Contains("The region table no_app.region does not exist", imported);
        Assert.Equal(published, await PublishedStateAsync(db));
    }

    /// <summary>The sample STATE layer's rows and the run that published each partition: a republish changes the latter.</summary>
    private static async Task<string> PublishedStateAsync(Npgsql.NpgsqlDataSource db) =>
        await TableChecksum.OfAsync(db, $"{RegionSamples.Schema}.state_2024") + " "
        + await TestImport.ScalarAsync<string>(db, $"SELECT string_agg(part || slot || run_id, ',' ORDER BY part, slot) FROM {RegionSamples.Schema}.tiger_partitions WHERE table_name = 'state_2024'");

    [Fact]
    public async Task TIGER_SYNC_REGIONS_makes_the_import_fill_the_region_table_after_publishing()
    {
        await using var db = postgis.CreateDataSource();
        await RegionSamples.CreateRegionTableAsync(db, "cli_app");
        using var folder = RegionSamples.Folder();

        var (exitCode, output) = await CliProcess.RunWithVariablesAsync(
            postgis.Url,
            new Dictionary<string, string?> { ["TIGER_SYNC_REGIONS"] = "true", ["TIGER_REGION_TABLE"] = "cli_app.region" },
            "import", "--source", folder.Path, "--year", "2024", "--layers", "STATE,COUNTY,CD,SLDU,SLDL", "--states", "NM,HI", "--schema", "cli_regions");

        Assert.True(exitCode == 0, output);
        Assert.Contains("Finished: sync-regions cli_app.region 2024: 2 state(s) synced, 0 refused", output);
        Assert.Equal(23L, await TestImport.ScalarAsync<long>(db, "SELECT count(*) FROM cli_app.region"));
    }

    [Fact]
    public async Task A_failed_sync_after_every_layer_published_still_prints_the_summary_and_writes_the_report()
    {
        // A table that is not the app's (no region columns) is found by the sync itself, after publishing; a missing one before.
        await using var db = postgis.CreateDataSource();
        await TestImport.ExecuteAsync(db, "DROP SCHEMA IF EXISTS cli_no_app CASCADE; CREATE SCHEMA cli_no_app; CREATE TABLE cli_no_app.region (id bigint)");
        using var folder = RegionSamples.Folder();
        var report = Path.Combine(folder.Path, "run.json");

        var (exitCode, output) = await CliProcess.RunWithVariablesAsync(
            postgis.Url,
            new Dictionary<string, string?> { ["TIGER_SYNC_REGIONS"] = "true", ["TIGER_REGION_TABLE"] = "cli_no_app.region" },
            "import", "--source", folder.Path, "--year", "2024", "--layers", "STATE", "--schema", "cli_regions_report", "--report", report);

        Assert.True(exitCode == 2, output);
        Assert.Contains("The region table cli_no_app.region has no column parent_id", output);
        Assert.Contains("published", output);
        Assert.True(File.Exists(report), output);
        Assert.Contains("\"outcome\":\"Published\"", await File.ReadAllTextAsync(report, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_import_report_carries_the_sync_report_in_the_shape_sync_regions_writes()
    {
        await using var db = postgis.CreateDataSource();
        await RegionSamples.CreateRegionTableAsync(db, "cli_report_app");
        await TestImport.ExecuteAsync(db, """
            CREATE TABLE cli_report_app.stakeholder (id bigint PRIMARY KEY, location geography(Point, 4326), state_id bigint, county_id bigint,
                congressional_district_id bigint, state_senate_district_id bigint, state_house_district_id bigint);
            INSERT INTO cli_report_app.stakeholder (id, location) VALUES (1, 'SRID=4326;POINT(-106.75 32.5)');
            """);
        using var folder = RegionSamples.Folder();
        var importReport = Path.Combine(folder.Path, "run.json");
        var syncReport = Path.Combine(folder.Path, "sync.json");

        var (importExit, importOutput) = await CliProcess.RunWithVariablesAsync(
            postgis.Url,
            new Dictionary<string, string?> { ["TIGER_SYNC_REGIONS"] = "true", ["TIGER_REGION_TABLE"] = "cli_report_app.region", ["TIGER_STAKEHOLDER_TABLE"] = "cli_report_app.stakeholder" },
            "import", "--source", folder.Path, "--year", "2024", "--layers", "STATE,COUNTY,CD,SLDU,SLDL", "--states", "NM,HI", "--schema", "cli_regions_sync_report", "--report", importReport);
        var (syncExit, syncOutput) = await CliProcess.RunAsync(
            postgis.Url,
            "sync-regions", "--year", "2024", "--states", "NM,HI", "--schema", "cli_regions_sync_report", "--region-table", "cli_report_app.region",
            "--stakeholder-table", "cli_report_app.stakeholder", "--report", syncReport);

        Assert.True(importExit == 0, importOutput);
        Assert.True(syncExit == 0, syncOutput);
        using var run = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(importReport, TestContext.Current.CancellationToken));
        using var rerun = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(syncReport, TestContext.Current.CancellationToken));
        var sync = run.RootElement.GetProperty("regionSync");
        Assert.Equal(Names(rerun.RootElement), Names(sync));
        Assert.Equal(run.RootElement.GetProperty("runId").GetString(), sync.GetProperty("syncId").GetString());
        Assert.Equal(1, sync.GetProperty("stakeholders").GetProperty("written").GetInt64());
        Assert.Equal(23, sync.GetProperty("districts").GetArrayLength());
        Assert.Equal(10, sync.GetProperty("redistricting").GetArrayLength());
        Assert.Equal(5, sync.GetProperty("redistricting").EnumerateArray().Sum(r => r.GetProperty("newlyAssigned").GetInt64()));
        Assert.False(sync.GetProperty("noChange").GetBoolean());
        Assert.True(rerun.RootElement.GetProperty("noChange").GetBoolean());
        Assert.Equal(23L, await TestImport.ScalarAsync<long>(db, $"SELECT count(*) FROM cli_regions_sync_report.tiger_region_changes WHERE sync_id = '{sync.GetProperty("syncId").GetString()}'"));
    }

    private static string[] Names(System.Text.Json.JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];
}
