using System.Diagnostics;
using Npgsql;
using TigerImport.Catalog;
using TigerImport.Import;
using TigerImport.Sources.Folder;
using TigerImport.Tests.Support;

namespace TigerImport.Tests.Publish;

/// <summary>
/// The app's readers under a publish that queues behind a long reader (a report holding its lock): the swap's
/// ACCESS EXCLUSIVE request makes every new reader queue behind it, so each attempt is short and gives way. Measured:
/// a reader loop's slowest query while the swap keeps retrying stays about a second or less, then the swap publishes.
/// </summary>
[Collection(PostgisCollection.Name)]
public sealed class When_the_apps_readers_query_during_a_publish(PostgisServer postgis)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task No_reader_stalls_more_than_about_a_second_while_the_swap_waits_behind_a_long_query()
    {
        await using var db = postgis.CreateDataSource();
        using var folder = new TempFolder().WithSamples("tl_2024_35013_edges.zip");
        await TestImport.RunAsync(db, folder.Path, "readers", 2024, "EDGES");
        await using var report = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(postgis.ConnectionString) { ApplicationName = "long-report" }.ConnectionString);
        await report.OpenAsync(Cancellation);
        await using (var hold = new NpgsqlCommand("BEGIN; SELECT count(*) FROM readers.edges_2024", report))
        {
            await hold.ExecuteNonQueryAsync(Cancellation);
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        var readers = Enumerable.Range(0, 2).Select(_ => ReadLoopAsync(stop.Token)).ToList();
        var logger = new ListLogger();
        var import = new ImportRunner(db, new LocalFolderSource(folder.Path), logger)
            .ImportAsync(Guid.NewGuid(), ImportRequest.Parse("2024", "EDGES", null, null), new ImportOptions("readers") { Force = true }, Cancellation);

        // The swap has given way at least three times behind the report while the readers kept querying.
        for (var waited = 0; logger.WithId(74).Count < 3 && waited < 600 && !import.IsCompleted; waited++)
        {
            await Task.Delay(50, Cancellation);
        }

        var attemptsWhileBlocked = logger.WithId(74).Count;
        await using (var release = new NpgsqlCommand("COMMIT", report))
        {
            await release.ExecuteNonQueryAsync(Cancellation);
        }

        var summary = await import;
        await Task.Delay(300, Cancellation);
        await stop.CancelAsync();
        var latencies = (await Task.WhenAll(readers)).SelectMany(l => l).ToList();

        Assert.True(attemptsWhileBlocked >= 3, $"the swap never waited behind the report ({attemptsWhileBlocked} attempts)");
        Assert.Equal(LayerOutcome.Published, Assert.Single(summary.Layers).Outcome);
        Assert.True(latencies.Count > 20, $"only {latencies.Count} reader queries ran");
        var slowest = latencies.Max();
        TestContext.Current.TestOutputHelper?.WriteLine($"{latencies.Count} reader queries; slowest {slowest.TotalMilliseconds:0} ms; median {latencies.Order().ElementAt(latencies.Count / 2).TotalMilliseconds:0} ms; swap attempts while blocked {attemptsWhileBlocked}");
        Assert.True(slowest < TimeSpan.FromSeconds(1.2), $"{latencies.Count} reader queries, median {latencies.Order().ElementAt(latencies.Count / 2).TotalMilliseconds:0} ms, attempts {attemptsWhileBlocked}: a reader waited {slowest.TotalMilliseconds:0} ms behind the swap");
    }

    /// <summary>The app: one short query after another on its own connection, each timed, until stopped.</summary>
    private async Task<List<TimeSpan>> ReadLoopAsync(CancellationToken stop)
    {
        var latencies = new List<TimeSpan>();
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(postgis.ConnectionString) { ApplicationName = "app-reader" }.ConnectionString);
        await connection.OpenAsync(Cancellation);
        while (!stop.IsCancellationRequested)
        {
            var clock = Stopwatch.StartNew();
            await using (var query = new NpgsqlCommand("SELECT count(*) FROM readers.edges_2024 WHERE tlid > 0", connection))
            {
                await query.ExecuteScalarAsync(Cancellation);
            }

            latencies.Add(clock.Elapsed);
            try
            {
                await Task.Delay(30, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return latencies;
    }
}
