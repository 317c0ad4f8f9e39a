using System.Diagnostics;
using Npgsql;
using TigerImport.Tests.Support;

namespace TigerImport.Tests.Regions;

/// <summary>
/// sync-regions while a run imports one of its layers (holding the layer's lock, as an import of a state does from
/// load to publish): the sync waits for it (--lock-wait) and then syncs every state, instead of reading the layer
/// half-way and refusing a state; a run that outlasts --lock-wait is exit 5 naming it, the region table untouched.
/// </summary>
[Collection(PostgisCollection.Name)]
public sealed class When_sync_regions_meets_an_import_in_progress(PostgisServer postgis)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_sync_waits_for_the_import_then_syncs_every_state()
    {
        await using var db = postgis.CreateDataSource();
        await RegionSamples.ImportAsync(postgis, db);
        await RegionSamples.CreateRegionTableAsync(db, "sync_wait");
        await using var import = await HoldCdAsync();
        var clock = Stopwatch.StartNew();

        using var sync = CliProcess.Start(postgis.Url, "sync-regions", "--year", "2024", "--states", "NM,HI", "--schema", RegionSamples.Schema, "--region-table", "sync_wait.region", "--lock-wait", "60");
        await Task.Delay(TimeSpan.FromSeconds(3), Cancellation);
        var rowsWhileHeld = await TestImport.ScalarAsync<long>(db, "SELECT count(*) FROM sync_wait.region");
        await import.CloseAsync();
        var exitCode = await sync.WaitAsync();

        Assert.True(exitCode == 0, sync.Output);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(3), $"the sync did not wait: {clock.Elapsed}\n{sync.Output}");
        Assert.Equal(0L, rowsWhileHeld);
        Assert.Contains("Finished: sync-regions sync_wait.region 2024: 2 state(s) synced, 0 refused", sync.Output);
        Assert.Equal(23L, await TestImport.ScalarAsync<long>(db, "SELECT count(*) FROM sync_wait.region"));
    }

    [Fact]
    public async Task An_import_longer_than_lock_wait_is_exit_5_naming_it_with_the_region_table_untouched()
    {
        await using var db = postgis.CreateDataSource();
        await RegionSamples.ImportAsync(postgis, db);
        await RegionSamples.CreateRegionTableAsync(db, "sync_wait_out");
        await using var import = await HoldCdAsync();

        var (exitCode, output) = await CliProcess.RunAsync(
            postgis.Url, "sync-regions", "--year", "2024", "--states", "NM,HI", "--schema", RegionSamples.Schema, "--region-table", "sync_wait_out.region", "--lock-wait", "1");

        Assert.True(exitCode == 5, output);
        Assert.Contains($"A run is importing {RegionSamples.Schema}.cd_2024 or", output);
        Assert.Contains($"held by pid {import.ProcessID} an-import since", output);
        Assert.Contains("waited 1 s (--lock-wait) for its publish", output);
        Assert.Equal(0L, await TestImport.ScalarAsync<long>(db, "SELECT count(*) FROM sync_wait_out.region"));
    }

    /// <summary>What a run importing a state of CD holds until it has published: the layer's lock, shared.</summary>
    private async Task<NpgsqlConnection> HoldCdAsync()
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(postgis.ConnectionString) { ApplicationName = "an-import", Pooling = false }.ConnectionString);
        await connection.OpenAsync(Cancellation);
        await using var hold = new NpgsqlCommand($"SELECT pg_advisory_lock_shared(hashtextextended('tigerimport {RegionSamples.Schema}.cd_2024', 0))", connection);
        await hold.ExecuteNonQueryAsync(Cancellation);
        return connection;
    }
}
