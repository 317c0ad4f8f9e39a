using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using TigerImport.Catalog;
using TigerImport.Import;
using TigerImport.Tests.Support;

namespace TigerImport.Tests.Monthly;

/// <summary>
/// The monthly run through the HTTP source (the local fault server playing Census): an unchanged month asks only for
/// validators and downloads nothing; a file with a new ETag reloads only its partition; a server without validators
/// costs a download but no reload.
/// </summary>
[Collection(PostgisCollection.Name)]
public sealed class When_the_monthly_run_finds_what_changed(PostgisServer postgis) : FaultServerTest
{
    [Fact]
    public async Task An_unchanged_month_sends_only_HEADs_and_downloads_nothing_and_a_new_ETag_reloads_only_its_partition()
    {
        await using var db = postgis.CreateDataSource();
        var mirror = new SampleMirror(Server).ServeAll();
        var first = await ImportAsync(db, "monthly", SampleMirror.Layers);
        Assert.All(first.Layers, l => Assert.True(l.Outcome == LayerOutcome.Published, l.Error));
        var partitionsBefore = await PartitionRunsAsync(db, "monthly");
        var requestsBefore = Server.Requests.Count;
        var zipBytesBefore = SampleMirror.SampleNames.Sum(n => Server.BodyBytesTo(SampleMirror.PathOf(n)));

        var clock = Stopwatch.StartNew();
        var second = await ImportAsync(db, "monthly", SampleMirror.Layers);
        clock.Stop();

        Assert.All(second.Layers, l => Assert.Equal(LayerOutcome.UpToDate, l.Outcome));
        Assert.Equal(0L, second.Source!.BytesDownloaded);
        Assert.Equal(0, second.Source.FilesDownloaded);
        var monthRequests = Server.Requests.Skip(requestsBefore).ToList();
        var zipRequests = monthRequests.Where(r => r.Path.EndsWith(".zip", StringComparison.Ordinal)).ToList();
        Assert.All(zipRequests, r => Assert.Equal("HEAD", r.Method));
        Assert.Equal(SampleMirror.SampleNames.Count, zipRequests.Count);
        Assert.Equal(zipBytesBefore, SampleMirror.SampleNames.Sum(n => Server.BodyBytesTo(SampleMirror.PathOf(n))));
        Assert.Equal(partitionsBefore, await PartitionRunsAsync(db, "monthly"));
        TestContext.Current.SendDiagnosticMessage(
            $"unchanged monthly run of {SampleMirror.SampleNames.Count} sample files: {monthRequests.Count} requests ({zipRequests.Count} HEAD, {monthRequests.Count - zipRequests.Count} listings), 0 zip body bytes, {clock.ElapsedMilliseconds} ms");

        // Puerto Rico's PLACE file is re-released (a new ETag): only its partition is downloaded, loaded and published.
        mirror.Serve("tl_2024_72_place.zip", "\"v2-tl_2024_72_place.zip\"", new DateTimeOffset(2025, 1, 2, 0, 0, 0, TimeSpan.Zero));
        var requestsBeforeThird = Server.Requests.Count;
        var third = await ImportAsync(db, "monthly", SampleMirror.Layers);

        var place = Assert.Single(third.Layers, l => l.Layer == "PLACE");
        Assert.Equal(LayerOutcome.Published, place.Outcome);
        Assert.Equal(1, place.Unchanged);
        Assert.Equal(["tl_2024_72_place.zip"], place.Files.Select(f => f.File));
        Assert.All(third.Layers.Where(l => l.Layer != "PLACE"), l => Assert.Equal(LayerOutcome.UpToDate, l.Outcome));
        var gets = Server.Requests.Skip(requestsBeforeThird).Where(r => r.Method == "GET" && r.Path.EndsWith(".zip", StringComparison.Ordinal)).Select(r => r.Path).ToList();
        Assert.Equal(["/" + SampleMirror.PathOf("tl_2024_72_place.zip")], gets);
        var partitionsAfter = await PartitionRunsAsync(db, "monthly");
        Assert.Equal(third.RunId, partitionsAfter["place_2024/72"]);
        Assert.Equal(partitionsBefore.Where(p => p.Key != "place_2024/72"), partitionsAfter.Where(p => p.Key != "place_2024/72"));
        Assert.Equal("\"v2-tl_2024_72_place.zip\"", await TestImport.ScalarAsync<string>(
            db, "SELECT lineage->0->'source'->>'eTag' FROM monthly.tiger_partitions WHERE table_name = 'place_2024' AND part = '72' AND slot = 'published'"));
    }

    [Fact]
    public async Task A_server_without_validators_is_compared_by_SHA_256_and_an_unchanged_file_is_not_reloaded()
    {
        await using var db = postgis.CreateDataSource();
        new SampleMirror(Server).ServeAll(validators: false);
        var first = await ImportAsync(db, "novalidators", "PLACE");
        Assert.Equal(LayerOutcome.Published, Assert.Single(first.Layers).Outcome);
        var partitionsBefore = await PartitionRunsAsync(db, "novalidators");

        var logger = new ListLogger();
        var second = await ImportAsync(db, "novalidators", "PLACE", logger);

        Assert.Equal(LayerOutcome.UpToDate, Assert.Single(second.Layers).Outcome);
        Assert.True(second.Source!.BytesDownloaded > 0, "without validators the files are downloaded to compare their SHA-256");
        Assert.Equal(2, logger.WithId(102).Count);
        Assert.Equal(partitionsBefore, await PartitionRunsAsync(db, "novalidators"));
    }

    [Fact]
    public async Task Force_reloads_unchanged_partitions()
    {
        await using var db = postgis.CreateDataSource();
        new SampleMirror(Server).ServeAll();
        await ImportAsync(db, "forced", "PLACE");

        var forced = await ImportAsync(db, "forced", "PLACE", options: new ImportOptions("forced") { Force = true });

        Assert.Equal(LayerOutcome.Published, Assert.Single(forced.Layers).Outcome);
        Assert.All((await PartitionRunsAsync(db, "forced")).Values, run => Assert.Equal(forced.RunId, run));
    }

    private async Task<ImportSummary> ImportAsync(NpgsqlDataSource db, string schema, string layers, ListLogger? logger = null, ImportOptions? options = null)
    {
        using var source = TestSources.Http(Server.BaseUrl, Temp.Path);
        var runner = new ImportRunner(db, source, (Microsoft.Extensions.Logging.ILogger?)logger ?? NullLogger.Instance);
        return await runner.ImportAsync(Guid.NewGuid(), ImportRequest.Parse("2024", layers, null, null), options ?? new ImportOptions(schema), Cancellation);
    }

    /// <summary>"table/part" → the run that published it.</summary>
    private static async Task<Dictionary<string, Guid>> PartitionRunsAsync(NpgsqlDataSource db, string schema)
    {
        await using var command = db.CreateCommand($"SELECT table_name || '/' || part, run_id FROM {schema}.tiger_partitions WHERE slot = 'published' ORDER BY 1");
        await using var reader = await command.ExecuteReaderAsync(Cancellation);
        var runs = new Dictionary<string, Guid>();
        while (await reader.ReadAsync(Cancellation))
        {
            runs[reader.GetString(0)] = reader.GetGuid(1);
        }

        return runs;
    }
}
