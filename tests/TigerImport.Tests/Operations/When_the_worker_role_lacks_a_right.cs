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

    [Theory]
    [InlineData("REVOKE CONNECT ON DATABASE {db} FROM PUBLIC", "LOGIN", "GRANT CONNECT ON DATABASE {db} TO")]
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
