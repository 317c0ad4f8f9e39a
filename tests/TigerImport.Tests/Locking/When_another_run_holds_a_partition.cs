using System.Diagnostics;
using TigerImport.Catalog;
using TigerImport.Database;
using TigerImport.Tests.Support;

namespace TigerImport.Tests.Locking;

/// <summary>
/// A run that finds its partition held by another run waits up to --lock-wait, then exits 5 with the usual summary and
/// leaves the table as it was; a run on another partition of the same layer is not held up at all.
/// </summary>
[Collection(PostgisCollection.Name)]
public sealed class When_another_run_holds_a_partition(PostgisServer postgis)
{
    private const string Schema = "lockwait";

    [Fact]
    public async Task A_run_on_that_partition_waits_then_exits_5_and_one_on_another_partition_publishes()
    {
        await using var db = postgis.CreateDataSource();
        var first = await CliProcess.RunAsync(postgis.Url, "import", "--source", RepoPaths.Samples, "--year", "2024", "--layers", "PLACE", "--states", "35", "--schema", Schema);
        Assert.True(first.ExitCode == 0, first.Output);
        var before = await TableChecksum.ByStateAsync(db, $"{Schema}.place_2024");

        await using (var holder = await db.OpenConnectionAsync(TestContext.Current.CancellationToken))
        {
            await LayerLock.AcquireAsync(holder, Target(), ["35"], TimeSpan.Zero, TestContext.Current.CancellationToken);

            var clock = Stopwatch.StartNew();
            var blocked = await CliProcess.RunAsync(postgis.Url, "import", "--source", RepoPaths.Samples, "--year", "2024", "--layers", "PLACE", "--states", "35", "--schema", Schema, "--lock-wait", "3");
            var waited = clock.Elapsed;

            Assert.True(blocked.ExitCode == 5, blocked.Output);
            Assert.Contains("Another run is importing partition(s) 35 of lockwait.place_2024", blocked.Output);
            Assert.Contains($"held by pid {holder.ProcessID}", blocked.Output);
            Assert.Contains($"schema {Schema}:", blocked.Output); // the summary table is printed on failure too
            Assert.InRange(waited, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(60));

            var other = await CliProcess.RunAsync(postgis.Url, "import", "--source", RepoPaths.Samples, "--year", "2024", "--layers", "PLACE", "--states", "72", "--schema", Schema, "--lock-wait", "0");
            Assert.True(other.ExitCode == 0, other.Output);
            await LayerLock.ReleaseAsync(holder);
        }

        var after = await TableChecksum.ByStateAsync(db, $"{Schema}.place_2024");
        Assert.Equal(before.Single(), after.Single(c => c.Part == "35"));
        Assert.Equal(["35", "72"], after.Select(c => c.Part));
    }

    [Fact]
    public async Task A_run_that_waits_less_than_the_limit_publishes()
    {
        await using var db = postgis.CreateDataSource();
        await using var holder = await db.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await LayerLock.AcquireAsync(holder, Target("lockwait_released"), ["35"], TimeSpan.Zero, TestContext.Current.CancellationToken);
        var release = Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken).ContinueWith(_ => LayerLock.ReleaseAsync(holder), TaskScheduler.Default).Unwrap();

        var run = await CliProcess.RunAsync(postgis.Url, "import", "--source", RepoPaths.Samples, "--year", "2024", "--layers", "PLACE", "--states", "35", "--schema", "lockwait_released", "--lock-wait", "120");
        await release;

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Equal(1L, await TestImport.ScalarAsync<long>(db, "SELECT count(*) FROM lockwait_released.tiger_partitions WHERE slot = 'published'"));
    }

    [Theory]
    [InlineData("5m")]
    [InlineData("1.5")]
    [InlineData("-1")]
    public async Task A_lock_wait_that_is_not_seconds_is_a_usage_error(string value)
    {
        var run = await CliProcess.RunAsync("postgres://nobody@127.0.0.1:1/none", "import", "--source", RepoPaths.Samples, "--year", "2024", "--layers", "PLACE", "--lock-wait", value);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--lock-wait", run.Output);
    }

    private static LayerTarget Target(string schema = Schema) => new(schema, TigerLayers.All.Single(l => l.Key == "PLACE").InYear(2024), 4326);
}
