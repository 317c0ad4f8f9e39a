using TigerImport.Tests.Support;

namespace TigerImport.Tests.Operations;

/// <summary>
/// Each right docs/database-role.md lists, taken away from a real role: the run fails with exit 5 and a message that
/// names the missing right and the object, and points at the role document (it was the bare "permission denied").
/// </summary>
[Collection(PostgisCollection.Name)]
public sealed class When_the_worker_role_lacks_a_right(PostgisServer postgis)
{
    private static readonly string[] Import = ["import", "--source", RepoPaths.Samples, "--year", "2024", "--layers", "PLACE", "--states", "NM"];

    [Fact]
    public async Task Without_CREATE_on_the_database_the_message_names_it_and_the_schemas_to_create()
    {
        var (exitCode, output) = await WithRoleAsync("", role => CliProcess.RunAsync(RoleUrl(role), [.. Import, "--schema", "nodb"]));

        Assert.True(exitCode == 5, output);
        Assert.Contains("lacks CREATE on database", output);
        Assert.Contains("CREATE SCHEMA \"nodb_staging\" AUTHORIZATION", output);
        Assert.Contains("docs/database-role.md", output);
    }

    [Theory]
    [InlineData("", "USAGE and CREATE on schema nousage")]
    [InlineData("GRANT USAGE ON SCHEMA nousage TO {role};", "CREATE on schema nousage")]
    public async Task On_a_schema_someone_else_owns_the_message_names_the_missing_right(string grant, string says)
    {
        await using var db = postgis.CreateDataSource();
        await TestImport.ExecuteAsync(db, "CREATE SCHEMA nousage; CREATE SCHEMA nousage_staging; CREATE SCHEMA nousage_backup");
        try
        {
            var (exitCode, output) = await WithRoleAsync(
                "", async role =>
                {
                    if (grant.Length > 0)
                    {
                        await TestImport.ExecuteAsync(db, grant.Replace("{role}", role, StringComparison.Ordinal));
                    }

                    return await CliProcess.RunAsync(RoleUrl(role), [.. Import, "--schema", "nousage"]);
                });

            Assert.True(exitCode == 5, output);
            Assert.Contains($"lacks {says}", output);
            Assert.Contains("OWNER TO", output);
            Assert.Contains("docs/database-role.md", output);
        }
        finally
        {
            await TestImport.ExecuteAsync(db, "DROP SCHEMA nousage, nousage_staging, nousage_backup CASCADE");
        }
    }

    [Fact]
    public async Task On_a_schema_the_role_owns_but_revoked_itself_the_fix_is_the_grant_not_an_owner_change()
    {
        var (exitCode, output) = await WithRoleAsync(
            "CREATE SCHEMA selfrevoked AUTHORIZATION {role}; CREATE SCHEMA selfrevoked_staging AUTHORIZATION {role}; CREATE SCHEMA selfrevoked_backup AUTHORIZATION {role};"
            + " SET ROLE {role}; REVOKE CREATE ON SCHEMA selfrevoked FROM {role}; RESET ROLE;",
            role => CliProcess.RunAsync(RoleUrl(role), [.. Import, "--schema", "selfrevoked"]));

        Assert.True(exitCode == 5, output);
        Assert.Contains("lacks CREATE on schema selfrevoked in database", OneLine(output));
        Assert.Matches(@"The role owns it, so it \(or an administrator\) runs GRANT USAGE, CREATE ON SCHEMA ""selfrevoked"" TO ""?tiger_norights_\w+", OneLine(output));
        Assert.DoesNotContain("ALTER SCHEMA", output);
    }

    [Fact]
    public async Task A_bookkeeping_table_owned_by_another_role_is_named_with_the_owner_fix()
    {
        await using var db = postgis.CreateDataSource();
        var (exitCode, output) = await WithRoleAsync(
            "CREATE SCHEMA owned AUTHORIZATION {role}; CREATE SCHEMA owned_staging AUTHORIZATION {role}; CREATE SCHEMA owned_backup AUTHORIZATION {role};"
            + " CREATE TABLE owned.tiger_rejects (run_id uuid);",
            role => CliProcess.RunAsync(RoleUrl(role), [.. Import, "--schema", "owned"]));

        Assert.True(exitCode == 5, output);
        Assert.Contains("does not own table owned.tiger_rejects", output);
        Assert.Matches(@"ALTER TABLE owned\.tiger_rejects OWNER TO tiger_norights_\w+", output);
        Assert.Contains("docs/database-role.md", output);
    }

    [Fact]
    public async Task Without_CREATE_on_a_schema_plan_predicts_exit_5_with_the_message_the_import_stops_on()
    {
        await using var db = postgis.CreateDataSource();
        await TestImport.ExecuteAsync(db, "CREATE SCHEMA nocreate; CREATE SCHEMA nocreate_staging; CREATE SCHEMA nocreate_backup");
        try
        {
            string[] request = [.. Import, "--schema", "nocreate"];
            var (planExit, plan, importExit, import) = (0, "", 0, "");
            await WithRoleAsync("GRANT USAGE ON SCHEMA nocreate, nocreate_staging, nocreate_backup TO {role};", async role =>
            {
                (planExit, plan) = await CliProcess.RunAsync(RoleUrl(role), ["plan", .. request[1..], "--exit-code"]);
                (importExit, import) = await CliProcess.RunAsync(RoleUrl(role), request);
                return (importExit, import);
            });

            Assert.True(planExit == 5, plan);
            Assert.True(importExit == 5, import);
            Assert.Contains("An import would exit 5 before loading anything", plan);
            Assert.DoesNotContain("Rights are not checked", plan);
            var message = OneLine(plan).Split("before loading anything: the role lacks a right it needs. ")[1].Split("docs/database-role.md")[0];
            Assert.Contains("lacks CREATE on schema nocreate, schema nocreate_staging, schema nocreate_backup in database", message);
            Assert.Contains("GRANT USAGE, CREATE ON SCHEMA \"nocreate\", \"nocreate_staging\", \"nocreate_backup\" TO", message);
            Assert.Contains(message, OneLine(import));
        }
        finally
        {
            await TestImport.ExecuteAsync(db, "DROP SCHEMA nocreate, nocreate_staging, nocreate_backup CASCADE");
        }
    }

    [Fact]
    public async Task A_layer_table_owned_by_another_role_is_named_with_its_schema_owner_and_fix_before_anything_loads()
    {
        await using var db = postgis.CreateDataSource();
        var owner = await TestImport.ScalarAsync<string>(db, "SELECT current_user");
        var (planExit, plan, importExit, import) = (0, "", 0, "");
        var staged = -1L;
        await WithRoleAsync(
            "CREATE SCHEMA layered AUTHORIZATION {role}; CREATE SCHEMA layered_staging AUTHORIZATION {role}; CREATE SCHEMA layered_backup AUTHORIZATION {role};"
            + " CREATE TABLE layered_backup.place_2024_p35 (geoid text);",
            async role =>
            {
                (planExit, plan) = await CliProcess.RunAsync(RoleUrl(role), ["plan", .. Import[1..], "--schema", "layered", "--exit-code"]);
                (importExit, import) = await CliProcess.RunAsync(RoleUrl(role), [.. Import, "--schema", "layered"]);
                staged = await TestImport.ScalarAsync<long>(db, "SELECT count(*) FROM pg_tables WHERE schemaname IN ('layered', 'layered_staging') AND tablename LIKE 'place%'");
                return (importExit, import);
            });

        Assert.True(planExit == 5, plan);
        Assert.True(importExit == 5, import);
        foreach (var output in new[] { OneLine(plan), OneLine(import) })
        {
            Assert.Contains($"does not own table layered_backup.place_2024_p35 (owned by {owner})", output);
            Assert.Matches(@"ALTER TABLE layered_backup\.place_2024_p35 OWNER TO tiger_norights_\w+", output);
            Assert.Contains($"or the worker runs as {owner}", output);
            Assert.Contains("docs/database-role.md", output);
        }

        Assert.Equal(0, staged);
    }

    [Fact]
    public async Task A_partition_of_a_state_the_run_does_not_touch_owned_by_another_role_does_not_stop_it()
    {
        await using var db = postgis.CreateDataSource();
        var loaded = -1L;
        var (exitCode, output) = await WithRoleAsync(
            "CREATE SCHEMA otherstate AUTHORIZATION {role}; CREATE SCHEMA otherstate_staging AUTHORIZATION {role}; CREATE SCHEMA otherstate_backup AUTHORIZATION {role};"
            + " CREATE TABLE otherstate_backup.place_2024_p72 (geoid text);",
            async role =>
            {
                var result = await CliProcess.RunAsync(RoleUrl(role), [.. Import, "--schema", "otherstate"]);
                loaded = await TestImport.ScalarAsync<long>(db, "SELECT count(*) FROM otherstate.place_2024");
                return result;
            });

        Assert.True(exitCode == 0, output);
        Assert.True(loaded > 0, output);
    }

    [Theory]
    [InlineData("revert")]
    [InlineData("prune-backups")]
    public async Task A_backup_owned_by_another_role_stops_revert_and_prune_with_its_schema_owner_and_fix(string verb)
    {
        await using var db = postgis.CreateDataSource();
        var owner = await TestImport.ScalarAsync<string>(db, "SELECT current_user");
        var schema = verb == "revert" ? "reverting" : "pruning";
        var backups = -1L;
        var (exitCode, output) = await WithRoleAsync(
            $"CREATE SCHEMA {schema} AUTHORIZATION {{role}}; CREATE SCHEMA {schema}_staging AUTHORIZATION {{role}}; CREATE SCHEMA {schema}_backup AUTHORIZATION {{role}};",
            async role =>
            {
                // Two publishes leave the first as the backup, which an administrator then gives to another role.
                for (var run = 0; run < 2; run++)
                {
                    var (importExit, import) = await CliProcess.RunAsync(RoleUrl(role), [.. Import, "--schema", schema, "--force"]);
                    Assert.True(importExit == 0, import);
                }

                await TestImport.ExecuteAsync(db, $"ALTER TABLE {schema}_backup.place_2024_p35 OWNER TO {owner}");
                var result = await CliProcess.RunAsync(RoleUrl(role), [verb, "--year", "2024", "--layers", "PLACE", "--states", "NM", "--schema", schema]);
                backups = await TestImport.ScalarAsync<long>(db, $"SELECT count(*) FROM pg_tables WHERE schemaname = '{schema}_backup' AND tablename = 'place_2024_p35'");
                return result;
            });

        Assert.True(exitCode == 5, output);
        Assert.Contains($"does not own table {schema}_backup.place_2024_p35 (owned by {owner})", OneLine(output));
        Assert.Matches($@"ALTER TABLE {schema}_backup\.place_2024_p35 OWNER TO tiger_norights_\w+", OneLine(output));
        Assert.Equal(1L, backups);
    }

    [Theory]
    [InlineData("REVOKE CONNECT ON DATABASE {db} FROM PUBLIC", "LOGIN", "GRANT CONNECT ON DATABASE {db} TO {role}.")]
    [InlineData("", "NOLOGIN", "ALTER ROLE {role} LOGIN")]
    public async Task Without_CONNECT_or_LOGIN_the_message_names_the_grant(string revoke, string login, string says)
    {
        await using var db = postgis.CreateDataSource();
        var database = $"noconnect_{Guid.NewGuid():N}"[..24];
        var role = $"tiger_nologin_{Guid.NewGuid():N}"[..26];
        await TestImport.ExecuteAsync(db, $"CREATE DATABASE {database}");
        await TestImport.ExecuteAsync(db, $"CREATE ROLE {role} {login}");
        try
        {
            if (revoke.Length > 0)
            {
                await TestImport.ExecuteAsync(db, revoke.Replace("{db}", database, StringComparison.Ordinal));
            }

            var url = new UriBuilder(postgis.Url) { UserName = role, Path = "/" + database }.Uri.ToString();
            var (exitCode, output) = await CliProcess.RunAsync(url, Import);

            Assert.True(exitCode == 5, output);
            Assert.Contains(says.Replace("{db}", database, StringComparison.Ordinal).Replace("{role}", role, StringComparison.Ordinal), output);
            Assert.Contains("docs/database-role.md", output);
        }
        finally
        {
            await TestImport.ExecuteAsync(db, $"DROP DATABASE {database}");
            await TestImport.ExecuteAsync(db, $"DROP ROLE {role}");
        }
    }

    [Fact]
    public async Task In_a_database_without_PostGIS_the_message_says_only_a_superuser_may_create_it()
    {
        await using var db = postgis.CreateDataSource();
        var database = $"nopostgis_{Guid.NewGuid():N}"[..24];
        await TestImport.ExecuteAsync(db, $"CREATE DATABASE {database} TEMPLATE template0");
        try
        {
            var url = new UriBuilder(postgis.Url) { Path = "/" + database }.Uri.ToString();
            var (exitCode, output) = await CliProcess.RunAsync(url, Import);

            Assert.True(exitCode == 5, output);
            Assert.Contains("PostGIS is not installed", output);
            Assert.Contains("only a superuser", output);
            Assert.Contains("CREATE EXTENSION postgis", output);
            Assert.Contains("docs/database-role.md", output);
        }
        finally
        {
            await TestImport.ExecuteAsync(db, $"DROP DATABASE {database}");
        }
    }

    /// <summary>The output with its wrapped lines joined, as one text to search.</summary>
    private static string OneLine(string output) => string.Join(" ", output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private string RoleUrl(string role) => new UriBuilder(postgis.Url) { UserName = role }.Uri.ToString();

    /// <summary>A fresh login role with no rights beyond PUBLIC's (and <paramref name="setup"/>, {role} replaced), dropped afterwards.</summary>
    private async Task<(int ExitCode, string Output)> WithRoleAsync(string setup, Func<string, Task<(int ExitCode, string Output)>> run)
    {
        await using var db = postgis.CreateDataSource();
        var role = $"tiger_norights_{Guid.NewGuid():N}"[..26];
        await TestImport.ExecuteAsync(db, $"CREATE ROLE {role} LOGIN; GRANT {role} TO current_user; " + setup.Replace("{role}", role, StringComparison.Ordinal));
        try
        {
            Assert.False(await TestImport.ScalarAsync<bool>(db, $"SELECT has_database_privilege('{role}', current_database(), 'CREATE')"));
            return await run(role);
        }
        finally
        {
            await TestImport.ExecuteAsync(db, $"DROP OWNED BY {role} CASCADE; DROP ROLE {role}");
        }
    }
}
