using System.Diagnostics;
using TigerImport.Tests.Support;

namespace TigerImport.Tests.Locking;

/// <summary>
/// The Step Functions fan-out in miniature: worker processes importing different states of one layer into one
/// database at the same time all publish, and the table holds exactly what one sequential run publishes.
/// </summary>
[Collection(PostgisCollection.Name)]
public sealed class When_four_workers_import_different_states_of_one_layer_at_once(PostgisServer postgis)
{
    private static readonly string[] States = ["16", "19", "25", "35"];

    [Fact]
    public async Task Every_state_is_published_with_the_rows_of_a_sequential_run()
    {
        var source = RepoPaths.SharedTiger;
        var clock = Stopwatch.StartNew();
        var runs = await Task.WhenAll(States.Select(state => CliProcess.RunAsync(postgis.Url, "import", "--source", source, "--year", "2010", "--layers", "TRACT", "--states", state, "--schema", "fanout")));
        var parallel = clock.Elapsed;
        foreach (var (exitCode, output) in runs)
        {
            Assert.True(exitCode == 0, output);
        }

        clock.Restart();
        var sequential = await CliProcess.RunAsync(postgis.Url, "import", "--source", source, "--year", "2010", "--layers", "TRACT", "--states", string.Join(",", States), "--schema", "sequential");
        var once = clock.Elapsed;
        Assert.True(sequential.ExitCode == 0, sequential.Output);

        await using var db = postgis.CreateDataSource();
        Assert.Equal(await TableChecksum.ByStateAsync(db, "sequential.tract_2010"), await TableChecksum.ByStateAsync(db, "fanout.tract_2010"));
        Assert.Equal(States, (await TableChecksum.ByStateAsync(db, "fanout.tract_2010")).Select(c => c.Part));
        Assert.Equal(4L, await TestImport.ScalarAsync<long>(db, "SELECT count(*) FROM fanout.tiger_partitions WHERE table_name = 'tract_2010' AND slot = 'published'"));
        Assert.Equal(0L, await TestImport.ScalarAsync<long>(db, "SELECT count(*) FROM pg_tables WHERE schemaname = 'fanout_staging'"));
        TestContext.Current.TestOutputHelper?.WriteLine($"4 processes at once: {parallel.TotalSeconds:0.0} s; one process, 4 states in turn: {once.TotalSeconds:0.0} s");
    }
}
