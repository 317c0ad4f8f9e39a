using TigerImport.Database;
using TigerImport.Tests.Support;

namespace TigerImport.Tests.Operations;

/// <summary>
/// The bootstrap of every run: a database that has it all is checked in one read-only query, without the bootstrap's
/// lock; one that lacks anything (a schema, an added column of an older worker's table) is completed under the lock.
/// </summary>
[Collection(PostgisCollection.Name)]
public sealed class When_a_run_bootstraps_its_schemas(PostgisServer postgis)
{
    private const string BootstrapLock = "SELECT pg_advisory_lock(hashtextextended('tigerimport bootstrap', 0))";

    [Fact]
    public async Task A_complete_database_is_not_locked_and_a_lacking_one_is_completed_under_the_lock()
    {
        var token = TestContext.Current.CancellationToken;
        await using var db = postgis.CreateDataSource();
        await using (var first = await db.OpenConnectionAsync(token))
        {
            await DatabaseBootstrap.EnsureAsync(first, "boot", token);
        }

        // Another session holds the bootstrap lock: a complete database does not wait for it.
        await using var holder = await db.OpenConnectionAsync(token);
        await Db.ExecuteAsync(holder, BootstrapLock, token);
        await using (var again = await db.OpenConnectionAsync(token))
        {
            var complete = DatabaseBootstrap.EnsureAsync(again, "boot", token);
            Assert.Same(complete, await Task.WhenAny(complete, Task.Delay(TimeSpan.FromSeconds(20), token)));
            await complete;
        }

        // An older worker's database: an added column and the backup schema missing. The run waits for the lock, then completes it.
        await TestImport.ExecuteAsync(db, "ALTER TABLE boot.tiger_partitions DROP COLUMN lineage; ALTER TABLE boot.tiger_rejects DROP COLUMN shape; DROP SCHEMA boot_backup");
        await using (var lacking = await db.OpenConnectionAsync(token))
        {
            var completing = DatabaseBootstrap.EnsureAsync(lacking, "boot", token);
            Assert.NotSame(completing, await Task.WhenAny(completing, Task.Delay(TimeSpan.FromSeconds(2), token)));
            await Db.ExecuteAsync(holder, "SELECT pg_advisory_unlock_all()", token);
            await completing;
        }

        Assert.True(await TestImport.ScalarAsync<bool>(
            db,
            """
            SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'boot_backup')
               AND EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = 'boot.tiger_partitions'::regclass AND attname = 'lineage' AND NOT attisdropped)
               AND EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = 'boot.tiger_rejects'::regclass AND attname = 'shape' AND NOT attisdropped)
            """));

        // Everything exists but the role lacks CREATE on a schema: not complete, and the locked path names what it lacks.
        await TestImport.ExecuteAsync(db, "REVOKE CREATE ON SCHEMA boot_staging FROM CURRENT_USER");
        await using var revoked = await db.OpenConnectionAsync(token);
        var refused = await Assert.ThrowsAsync<TigerImportException>(() => DatabaseBootstrap.EnsureAsync(revoked, "boot", token));
        Assert.Equal(FailureKind.Database, refused.Kind);
        Assert.Contains("lacks CREATE on schema boot_staging", refused.Message);
    }
}
