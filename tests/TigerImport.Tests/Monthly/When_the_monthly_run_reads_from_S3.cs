using Amazon.S3.Model;
using Microsoft.Extensions.Logging.Abstractions;
using TigerImport.Catalog;
using TigerImport.Import;
using TigerImport.Samples.Vintage2024;
using TigerImport.Sources;
using TigerImport.Sources.Cache;
using TigerImport.Sources.S3;
using TigerImport.Tests.Support;

namespace TigerImport.Tests.Monthly;

/// <summary>The monthly run against the S3 test server: an S3 mirror is asked by HEAD, and the read-through cache keeps Census out of an unchanged month.</summary>
[Collection(PostgisCollection.Name)]
public sealed class When_the_monthly_run_reads_from_S3(PostgisServer postgis) : FaultServerTest
{
    [Fact]
    public async Task An_S3_mirror_is_asked_by_HEAD_and_only_a_replaced_object_is_reloaded()
    {
        using var s3 = S3TestServer.Client();
        var prefix = await S3TestServer.NewPrefixAsync(s3, Cancellation);
        foreach (var name in new[] { "tl_2024_35_place.zip", "tl_2024_72_place.zip" })
        {
            await PutAsync(s3, prefix, name, await File.ReadAllBytesAsync(Path.Combine(RepoPaths.Samples, name), Cancellation));
        }

        await ImportAsync(() => new S3TigerSource(prefix, s3, TestSources.Options(prefix.ToString(), Temp.Path), NullLogger.Instance), "s3monthly");
        var unchanged = await ImportAsync(() => new S3TigerSource(prefix, s3, TestSources.Options(prefix.ToString(), Temp.Path), NullLogger.Instance), "s3monthly");

        Assert.Equal(LayerOutcome.UpToDate, Assert.Single(unchanged.Layers).Outcome);
        Assert.Equal(0L, unchanged.Source!.BytesDownloaded);

        using (var folder = new TempFolder())
        {
            var puertoRico = PlaceSamples.PuertoRico();
            await PutAsync(s3, prefix, "tl_2024_72_place.zip", await File.ReadAllBytesAsync(folder.Write(puertoRico with { Features = puertoRico.Features.Take(3).ToList() }), Cancellation));
        }

        var replaced = await ImportAsync(() => new S3TigerSource(prefix, s3, TestSources.Options(prefix.ToString(), Temp.Path), NullLogger.Instance), "s3monthly");

        var layer = Assert.Single(replaced.Layers);
        Assert.Equal(LayerOutcome.Published, layer.Outcome);
        Assert.Equal(["tl_2024_72_place.zip"], layer.Files.Select(f => f.File));
        Assert.Equal(3L, await ScalarAsync<long>("SELECT count(*) FROM s3monthly.place_2024 WHERE tiger_scope = '72'"));
    }

    [Fact]
    public async Task Through_the_cache_an_unchanged_month_asks_the_origin_for_no_file()
    {
        using var s3 = S3TestServer.Client();
        var prefix = await S3TestServer.NewPrefixAsync(s3, Cancellation);
        new SampleMirror(Server).ServeAll();
        CachingTigerSource Cached() => new(TestSources.Http(Server.BaseUrl, Temp.Path), prefix, s3, NullLogger.Instance);
        var filled = await ImportAsync(Cached, "cachemonthly");
        Assert.Equal(2, filled.Source!.FilesCached);
        var originRequests = Server.Requests.Count(r => r.Path.EndsWith(".zip", StringComparison.Ordinal));

        var unchanged = await ImportAsync(Cached, "cachemonthly");

        Assert.Equal(LayerOutcome.UpToDate, Assert.Single(unchanged.Layers).Outcome);
        Assert.Equal(originRequests, Server.Requests.Count(r => r.Path.EndsWith(".zip", StringComparison.Ordinal)));
        Assert.Equal((0L, 0L), (unchanged.Source!.BytesDownloaded, unchanged.Source.BytesFromCache));
    }

    private static Task PutAsync(Amazon.S3.IAmazonS3 s3, S3Prefix prefix, string name, byte[] bytes) =>
        s3.PutObjectAsync(new PutObjectRequest { BucketName = prefix.Bucket, Key = prefix.KeyOf($"TIGER2024/PLACE/{name}"), InputStream = new MemoryStream(bytes) }, Cancellation);

    private async Task<ImportSummary> ImportAsync(Func<ITigerSource> sourceFor, string schema)
    {
        await using var db = postgis.CreateDataSource();
        var source = sourceFor();
        using var disposeSource = source as IDisposable;
        return await new ImportRunner(db, source, NullLogger.Instance).ImportAsync(Guid.NewGuid(), ImportRequest.Parse("2024", "PLACE", null, null), new ImportOptions(schema), Cancellation);
    }

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var db = postgis.CreateDataSource();
        return await TestImport.ScalarAsync<T>(db, sql);
    }
}
