using TigerImport.Tests.Support;

namespace TigerImport.Tests.Operations;

/// <summary>The worker's database role (docs/database-role.md): no superuser, and no CREATE on the database once its schemas exist.</summary>
[Collection(PostgisCollection.Name)]
public sealed class When_the_worker_runs_with_least_privilege(PostgisServer postgis)
{
    [Fact]
    public async Task The_tests_themselves_connect_as_a_role_that_is_not_superuser()
    {
        await using var db = postgis.CreateDataSource();

        Assert.False(await TestImport.ScalarAsync<bool>(db, "SELECT rolsuper FROM pg_roles WHERE rolname = current_user"));
    }

    [Fact]
    public async Task A_role_that_owns_its_schemas_imports_without_CREATE_on_the_database_and_without_it_cannot_make_new_ones()
    {
        await using var db = postgis.CreateDataSource();
        var role = $"tiger_worker_{Guid.NewGuid():N}"[..24];
        await TestImport.ExecuteAsync(db, $"""
            CREATE ROLE {role} LOGIN;
            GRANT {role} TO current_user;
            CREATE SCHEMA lp AUTHORIZATION {role};
            CREATE SCHEMA lp_staging AUTHORIZATION {role};
            CREATE SCHEMA lp_backup AUTHORIZATION {role};
            """);
        try
        {
            Assert.False(await TestImport.ScalarAsync<bool>(db, $"SELECT has_database_privilege('{role}', current_database(), 'CREATE')"));
            var url = new UriBuilder(postgis.Url) { UserName = role }.Uri.ToString();
            string[] import = ["import", "--source", RepoPaths.Samples, "--year", "2024", "--layers", "PLACE", "--states", "NM"];

            var (exitCode, output) = await CliProcess.RunAsync(url, [.. import, "--schema", "lp"]);
            Assert.True(exitCode == 0, output);
            Assert.Equal(role, await TestImport.ScalarAsync<string>(db, "SELECT tableowner FROM pg_tables WHERE schemaname = 'lp' AND tablename = 'place_2024_p35'"));

            (exitCode, output) = await CliProcess.RunAsync(url, [.. import, "--schema", "lp_new"]);
            Assert.True(exitCode == 5, output);
            Assert.Contains("lacks CREATE on database", output);
        }
        finally
        {
            await TestImport.ExecuteAsync(db, $"DROP SCHEMA lp, lp_staging, lp_backup CASCADE; DROP OWNED BY {role}; DROP ROLE {role}");
        }
    }
}
