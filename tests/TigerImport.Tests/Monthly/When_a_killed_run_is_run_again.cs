using TigerImport.Tests.Support;

namespace TigerImport.Tests.Monthly;

/// <summary>A run killed with SIGKILL mid-layer, run again: what it published is skipped, its leftovers go, the rest completes.</summary>
[Collection(PostgisCollection.Name)]
public sealed class When_a_killed_run_is_run_again(PostgisServer postgis)
{
    [Fact]
    public async Task It_skips_the_layers_the_killed_run_published_drops_its_staging_and_completes_the_rest()
    {
        await using var db = postgis.CreateDataSource();
        using var folder = new TempFolder().WithSamples("tl_2024_35_place.zip", "tl_2024_72_place.zip");
        folder.Write(LargeSample.Edges(100_000));
        string[] import = ["import", "--source", folder.Path, "--year", "2024", "--layers", "PLACE,EDGES", "--schema", "resumed"];
        using (var process = CliProcess.Start(postgis.Url, import))
        {
            await process.WaitForLineAsync("Planned EDGES");

            // Killed once EDGES is being copied into staging (its table exists), long before its 100,000 rows are in.
            for (var wait = 0; wait < 200 && await TestImport.ScalarAsync<bool>(db, "SELECT to_regclass('resumed_staging.edges_2024_p35') IS NULL"); wait++)
            {
                await Task.Delay(50, TestContext.Current.CancellationToken);
            }

            Assert.Equal(137, await process.SignalAsync("KILL"));
        }

        var killed = await TestImport.ScalarAsync<Guid>(db, "SELECT run_id FROM resumed.tiger_runs");
        var place = await TableChecksum.OfAsync(db, "resumed.place_2024");
        Assert.True(await TestImport.ScalarAsync<bool>(db, "SELECT to_regclass('resumed.edges_2024') IS NULL"), "the killed run never published EDGES");
        Assert.Equal(1L, await TestImport.ScalarAsync<long>(db, "SELECT count(*) FROM pg_tables WHERE schemaname = 'resumed_staging'"));

        var (exitCode, output) = await CliProcess.RunAsync(postgis.Url, import);

        Assert.True(exitCode == 0, output);
        Assert.Contains("PLACE 2024: resumed.place_2024 is up to date", output);
        Assert.Contains("dropped 1 staging table(s) left by an earlier run that did not finish: edges_2024_p35", output);
        Assert.Equal("abandoned,succeeded", await TestImport.ScalarAsync<string>(db, "SELECT string_agg(status, ',' ORDER BY status) FROM resumed.tiger_runs"));
        Assert.Equal(place, await TableChecksum.OfAsync(db, "resumed.place_2024"));
        Assert.Equal(2L, await TestImport.ScalarAsync<long>(db, $"SELECT count(*) FROM resumed.tiger_partitions WHERE table_name = 'place_2024' AND run_id = '{killed}'"));
        Assert.Equal(
            100_000L - await TestImport.ScalarAsync<long>(db, "SELECT count(*) FROM resumed.tiger_rejects WHERE table_name = 'edges_2024'"),
            await TestImport.ScalarAsync<long>(db, "SELECT count(*) FROM resumed.edges_2024"));
        Assert.Equal(0L, await TestImport.ScalarAsync<long>(db, "SELECT count(*) FROM pg_tables WHERE schemaname = 'resumed_staging'"));
    }
}
