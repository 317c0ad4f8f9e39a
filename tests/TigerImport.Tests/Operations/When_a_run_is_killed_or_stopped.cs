using TigerImport.Tests.Support;

namespace TigerImport.Tests.Operations;

/// <summary>What a killed or stopped run leaves behind, and how the next run (or the stop itself) clears it.</summary>
[Collection(PostgisCollection.Name)]
public sealed class When_a_run_is_killed_or_stopped(PostgisServer postgis)
{
    [Fact]
    public async Task The_next_run_marks_a_SIGKILLed_run_abandoned_and_drops_every_staging_table_of_the_layer()
    {
        await using var db = postgis.CreateDataSource();
        using var folder = new TempFolder().WithSamples("tl_2024_35013_edges.zip");
        var (import, published) = await PublishThenEnlargeAsync(db, folder, "killed");

        using (var process = CliProcess.Start(postgis.Url, import))
        {
            // After the file's COPY committed, during the index builds: the staging table is left behind.
            await process.WaitForLineAsync("Finished: load EDGES 2024 tl_2024_35013_edges.zip");
            Assert.Equal(137, await process.SignalAsync("KILL"));
        }

        Assert.Equal(published, await TableChecksum.OfAsync(db, "killed.edges_2024"));
        Assert.Equal("running", await TestImport.ScalarAsync<string>(db, "SELECT status FROM killed.tiger_runs ORDER BY started_at DESC LIMIT 1"));
        // Another state's staging, as a crashed run of the layer for that state would have left it.
        await TestImport.ExecuteAsync(db, "CREATE TABLE killed_staging.edges_2024_p72 (LIKE killed.edges_2024)");
        File.Copy(Path.Combine(RepoPaths.Samples, "tl_2024_35013_edges.zip"), Path.Combine(folder.Path, "tl_2024_35013_edges.zip"), overwrite: true);

        var (exitCode, output) = await CliProcess.RunAsync(postgis.Url, import);

        Assert.True(exitCode == 0, output);
        Assert.Contains("was left running by a process that is gone; marked abandoned", output);
        Assert.Contains("EDGES 2024: dropped 2 staging table(s) left by an earlier run that did not finish: edges_2024_p35, edges_2024_p72", output);
        Assert.Equal(
            "abandoned,succeeded,succeeded",
            await TestImport.ScalarAsync<string>(db, "SELECT string_agg(status, ',' ORDER BY status) FROM killed.tiger_runs"));
        Assert.Equal(0L, await TestImport.ScalarAsync<long>(db, "SELECT count(*) FROM pg_tables WHERE schemaname = 'killed_staging'"));
        Assert.Equal(published, await TableChecksum.OfAsync(db, "killed.edges_2024"));
    }

    [Fact]
    public async Task A_SIGKILL_during_a_partitions_first_COPY_leaves_no_staging_table()
    {
        await using var db = postgis.CreateDataSource();
        using var folder = new TempFolder().WithSamples("tl_2024_35013_edges.zip");
        var (import, published) = await PublishThenEnlargeAsync(db, folder, "uncommitted");

        using (var process = CliProcess.Start(postgis.Url, import))
        {
            // The COPY streams in the transaction that created the staging table (COPY FREEZE): killed, both roll back.
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (await TestImport.ScalarAsync<long>(db, """SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE 'COPY "uncommitted_staging".%'""") == 0)
            {
                Assert.True(DateTime.UtcNow < deadline, $"the COPY never showed in pg_stat_activity:\n{process.Output}");
                await Task.Delay(50, TestContext.Current.CancellationToken);
            }

            Assert.Equal(137, await process.SignalAsync("KILL"));
        }

        Assert.Equal(0L, await TestImport.ScalarAsync<long>(db, "SELECT count(*) FROM pg_tables WHERE schemaname = 'uncommitted_staging'"));
        Assert.Equal(published, await TableChecksum.OfAsync(db, "uncommitted.edges_2024"));
    }

    [Fact]
    public async Task A_run_that_is_still_running_is_not_marked_abandoned()
    {
        await using var db = postgis.CreateDataSource();
        using var folder = new TempFolder().WithSamples("tl_2024_35_place.zip");
        folder.Write(LargeSample.Edges(400_000));
        using var process = CliProcess.Start(postgis.Url, "import", "--source", folder.Path, "--year", "2024", "--layers", "EDGES", "--schema", "alive");
        await process.WaitForLineAsync("Planned EDGES");

        var (exitCode, output) = await CliProcess.RunAsync(postgis.Url, "import", "--source", folder.Path, "--year", "2024", "--layers", "PLACE", "--schema", "alive");

        Assert.True(exitCode == 0, output);
        Assert.DoesNotContain("marked abandoned", output);
        Assert.Equal(1L, await TestImport.ScalarAsync<long>(db, "SELECT count(*) FROM alive.tiger_runs WHERE status = 'running'"));
        Assert.Equal(130, await process.SignalAsync("TERM"));
    }

    [Fact]
    public async Task SIGTERM_during_the_index_build_drops_the_staging_table_and_exits_130()
    {
        await using var db = postgis.CreateDataSource();
        using var folder = new TempFolder().WithSamples("tl_2024_35013_edges.zip");
        var (import, published) = await PublishThenEnlargeAsync(db, folder, "indexing");

        using var process = CliProcess.Start(postgis.Url, import);
        await process.WaitForLineAsync("Finished: load EDGES 2024 tl_2024_35013_edges.zip");
        var exitCode = await process.SignalAsync("TERM");

        Assert.True(exitCode == 130, process.Output);
        Assert.DoesNotContain("Finished: publish", process.Output);
        Assert.Equal(0L, await TestImport.ScalarAsync<long>(db, "SELECT count(*) FROM pg_tables WHERE schemaname = 'indexing_staging'"));
        Assert.Equal(published, await TableChecksum.OfAsync(db, "indexing.edges_2024"));
        Assert.Equal("cancelled", await TestImport.ScalarAsync<string>(db, "SELECT status FROM indexing.tiger_runs ORDER BY started_at DESC LIMIT 1"));
    }

    /// <summary>Publishes the EDGES sample into <paramref name="schema"/>, then puts a 400,000-feature file in its place, big enough to interrupt.</summary>
    private async Task<(string[] Import, string Checksum)> PublishThenEnlargeAsync(Npgsql.NpgsqlDataSource db, TempFolder folder, string schema)
    {
        string[] import = ["import", "--source", folder.Path, "--year", "2024", "--layers", "EDGES", "--schema", schema];
        Assert.Equal(0, (await CliProcess.RunAsync(postgis.Url, import)).ExitCode);
        var checksum = await TableChecksum.OfAsync(db, $"{schema}.edges_2024");
        folder.Write(LargeSample.Edges(400_000));
        return (import, checksum);
    }
}
