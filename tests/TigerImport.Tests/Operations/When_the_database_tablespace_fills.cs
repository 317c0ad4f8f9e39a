using Npgsql;
using TigerImport.Tests.Support;

namespace TigerImport.Tests.Operations;

/// <summary>
/// The database server's own disk full, for real: a tablespace on a full 8 MiB tmpfs, the run's sessions creating
/// their tables there (<c>default_tablespace</c> in the connection URL's <c>options</c>), so the COPY into staging
/// fails with SQLSTATE 53100. The run exits 5 (a database problem, docs/failures.md) saying the database server's disk
/// is full, not the worker's; the published table is unchanged and no staging table is left. Needs root (mount) and
/// the test cluster's superuser (scripts/postgis.sh's trust cluster): skipped with the reason locally, failed on CI.
/// </summary>
[Collection(PostgisCollection.Name)]
public sealed class When_the_database_tablespace_fills(PostgisServer postgis)
{
    private const string Schema = "dbfull";
    private const string Place = "tl_2024_35_place.zip";

    [Fact]
    public async Task A_full_tablespace_is_exit_5_naming_the_database_disk_with_nothing_published_and_no_staging_left()
    {
        using var temp = new TempFolder();
        var mount = Path.Combine(temp.Path, "tablespace");
        Directory.CreateDirectory(mount);
        var (mountExit, why) = await ExternalTool.RunAsync("mount", ["-t", "tmpfs", "-o", "size=8m", "tmpfs", mount]);
        Require(mountExit == 0, $"mount -t tmpfs is not permitted here ({why.Trim()}): a full database disk needs a tiny filesystem of its own");
        var tablespace = $"full_{Guid.NewGuid():N}"[..20];
        await using var superuser = await OpenSuperuserAsync();
        try
        {
            using var folder = new TempFolder().WithSamples(Place);
            var first = await CliProcess.RunAsync(postgis.Url, "import", "--source", folder.Path, "--year", "2024", "--layers", "PLACE", "--schema", Schema);
            Assert.True(first.ExitCode == 0, first.Output);
            var before = await TableChecksum.OfAsync(postgis, $"{Schema}.place_2024");
            await PrepareFullTablespaceAsync(superuser, mount, tablespace);

            var url = postgis.Url + "?options=" + Uri.EscapeDataString($"-c default_tablespace={tablespace}");
            var (exitCode, output) = await CliProcess.RunAsync(url, "import", "--source", folder.Path, "--year", "2024", "--layers", "PLACE", "--schema", Schema, "--force");

            Assert.True(exitCode == 5, output);
            Assert.Contains("No space left on device (SQLSTATE 53100 disk_full): the database server's disk (the tablespace's volume) is full, not the worker's", output);
            Assert.DoesNotContain("connection was lost", output);
            Assert.Equal(before, await TableChecksum.OfAsync(postgis, $"{Schema}.place_2024"));
            Assert.Equal(0L, await Integrity.IntegrityCli.ScalarAsync<long>(postgis, $"SELECT count(*) FROM pg_tables WHERE schemaname = '{Schema}_staging' OR tablespace = '{tablespace}'"));
        }
        finally
        {
            await CleanUpAsync(superuser, tablespace, mount);
        }
    }

    /// <summary>Locally a missing privilege skips the test with its reason; on CI it fails, so a broken setup never passes as skipped.</summary>
    private static void Require(bool condition, string reason)
    {
        if (condition)
        {
            return;
        }

        Assert.False(Environment.GetEnvironmentVariable("CI") == "true", reason);
        Assert.Skip(reason);
    }

    /// <summary>The cluster's superuser: scripts/postgis.sh's trust cluster has it as postgres (run as root) or the user who started it.</summary>
    private async Task<NpgsqlConnection> OpenSuperuserAsync()
    {
        foreach (var user in new[] { "postgres", Environment.UserName }.Distinct())
        {
            var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(postgis.ConnectionString) { Username = user, Password = null }.ConnectionString);
            try
            {
                await connection.OpenAsync(TestContext.Current.CancellationToken);
                await using var check = new NpgsqlCommand("SELECT rolsuper FROM pg_roles WHERE rolname = current_user", connection);
                if (await check.ExecuteScalarAsync(TestContext.Current.CancellationToken) is true)
                {
                    return connection;
                }
            }
            catch (NpgsqlException)
            {
                // Not this user: try the next.
            }

            await connection.DisposeAsync();
        }

        Require(false, "no superuser of the test cluster could connect (postgres, or the user who started it): creating a tablespace needs one");
        throw new InvalidOperationException("unreachable");
    }

    /// <summary>
    /// A tablespace on the tmpfs (owned by the server's user), the role's right to create in it, this database's
    /// folder in it made, and then every byte of the filesystem taken: the next table to grow cannot.
    /// </summary>
    private async Task PrepareFullTablespaceAsync(NpgsqlConnection superuser, string mount, string tablespace)
    {
        // The server's user must reach the folder: the temp folder is the test user's alone (0700).
        Assert.Equal(0, (await ExternalTool.RunAsync("chmod", ["711", Path.GetDirectoryName(mount)!])).ExitCode);
        var owner = (await ExternalTool.RunAsync("stat", ["-c", "%u:%g", await ScalarAsync<string>(superuser, "SHOW data_directory")])).Output.Trim();
        Assert.Equal(0, (await ExternalTool.RunAsync("chown", [owner, mount])).ExitCode);
        var role = new NpgsqlConnectionStringBuilder(postgis.ConnectionString).Username;
        await ExecuteAsync(superuser, $"CREATE TABLESPACE {tablespace} LOCATION '{mount}'");
        await ExecuteAsync(superuser, $"GRANT CREATE ON TABLESPACE {tablespace} TO {role}");
        await ExecuteAsync(superuser, $"CREATE TABLE {tablespace}_probe (x int) TABLESPACE {tablespace}; DROP TABLE {tablespace}_probe");
        // Unbuffered: the write that does not fit fails here, not later in Dispose.
        await using var filler = new FileStream(Path.Combine(mount, "filler"), FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0);
        var chunk = new byte[64 * 1024];
        try
        {
            while (true)
            {
                filler.Write(chunk);
            }
        }
        catch (IOException)
        {
            // The filesystem is full.
        }
    }

    private static async Task CleanUpAsync(NpgsqlConnection superuser, string tablespace, string mount)
    {
        try
        {
            await ExecuteAsync(superuser, $"DROP TABLESPACE IF EXISTS {tablespace}");
        }
        finally
        {
            await ExternalTool.RunAsync("umount", ["-l", mount]);
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }
}
