using System.Diagnostics;
using System.Security.Cryptography;
using Amazon.S3;
using Amazon.S3.Model;
using TigerImport.Catalog;
using TigerImport.Sources;
using TigerImport.Sources.Cache;
using TigerImport.Sources.S3;
using TigerImport.Tests.Support;

namespace TigerImport.Tests.Sources;

/// <summary>
/// The read-through cache against a real S3-protocol server (fauxqs) and a loopback origin playing Census: Census is
/// asked once per file, a warm run asks it nothing, and a corrupt cached object is found, replaced and reported.
/// </summary>
public sealed class CachingTigerSourceTests : IAsyncLifetime
{
    private const string Place35 = "TIGER2024/PLACE/tl_2024_35_place.zip";
    private const string Place72 = "TIGER2024/PLACE/tl_2024_72_place.zip";
    private readonly List<TempFolder> temps = [];
    private readonly ListLogger log = new();
    private FaultServer origin = null!;
    private IAmazonS3 s3 = null!;
    private S3Prefix location = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static byte[] Sample35 => File.ReadAllBytes(Path.Combine(RepoPaths.Samples, "tl_2024_35_place.zip"));

    private static byte[] Sample72 => File.ReadAllBytes(Path.Combine(RepoPaths.Samples, "tl_2024_72_place.zip"));

    public async ValueTask InitializeAsync()
    {
        s3 = S3TestServer.Client();
        location = await S3TestServer.NewPrefixAsync(s3, Cancellation);
        origin = await FaultServer.StartAsync();
        origin.Map(Place35, Responses.File(Sample35));
        origin.Map(Place72, Responses.File(Sample72));
        origin.Map("TIGER2024/PLACE/", Responses.Listing("TIGER2024/PLACE/", ["tl_2024_35_place.zip", "tl_2024_72_place.zip"]));
    }

    public async ValueTask DisposeAsync()
    {
        if (origin is not null)
        {
            await origin.DisposeAsync();
        }

        s3?.Dispose();
        temps.ForEach(t => t.Dispose());
    }

    [Fact]
    public async Task A_miss_is_downloaded_verified_uploaded_with_its_SHA_256_and_handed_on()
    {
        using var source = NewRun();

        using (var fetched = await source.FetchAsync(TestSources.File("tl_2024_35_place.zip"), Cancellation))
        {
            Assert.Equal(Sample35, await File.ReadAllBytesAsync(fetched.Path, Cancellation));
        }

        Assert.Single(origin.RequestsTo(Place35));
        var head = await s3.GetObjectMetadataAsync(location.Bucket, location.KeyOf(Place35), Cancellation);
        Assert.Equal(Sample35.Length, head.ContentLength);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Sample35)), head.Metadata["sha256"]);
        Assert.Equal(origin.BaseUrl + Place35, head.Metadata["origin"]);
        var totals = source.Statistics.Snapshot();
        Assert.Equal((Sample35.Length, 1, 0L, 0, 1, 0), (totals.BytesDownloaded, totals.FilesDownloaded, totals.BytesFromCache, totals.FilesFromCache, totals.FilesCached, totals.CacheRepairs));
    }

    [Fact]
    public async Task A_warm_cache_serves_the_next_run_without_a_single_request_to_the_origin()
    {
        var request = new ImportRequest(2024, [TestSources.Layer("PLACE")], null, null);
        var cold = await RunAsync(request);
        var originRequests = origin.Requests.Count;

        var warm = await RunAsync(request);

        Assert.Equal(3, originRequests); // the listing and the two files, once
        Assert.Equal(originRequests, origin.Requests.Count);
        Assert.Equal(cold.Bytes, warm.Bytes);
        Assert.Equal([Sample35, Sample72], warm.Bytes);
        Assert.Equal((0L, 0, Sample35.Length + Sample72.Length, 2), (warm.Totals.BytesDownloaded, warm.Totals.FilesDownloaded, warm.Totals.BytesFromCache, warm.Totals.FilesFromCache));
        Assert.NotEmpty(log.WithId(43)); // the listing came from the cache
    }

    [Fact]
    public async Task A_file_over_16_MB_is_uploaded_in_parts_and_read_back_intact()
    {
        const string path = "TIGER2024/ZCTA520/tl_2024_us_zcta520.zip";
        var zip = SyntheticZip.Bytes(17 * 1024 * 1024);
        origin.Map(path, Responses.File(zip));
        var file = TestSources.File("tl_2024_us_zcta520.zip");

        var clock = Stopwatch.StartNew();
        using (var source = NewRun())
        {
            (await source.FetchAsync(file, Cancellation)).Dispose();
        }

        var fillMs = clock.ElapsedMilliseconds;
        var head = await s3.GetObjectMetadataAsync(location.Bucket, location.KeyOf(path), Cancellation);

        // 17 MiB in 8 MiB parts: a multipart ETag ends with the part count.
        Assert.EndsWith("-3\"", head.ETag);
        Assert.Equal(zip.Length, head.ContentLength);

        clock.Restart();
        using var again = NewRun();
        using var fetched = await again.FetchAsync(file, Cancellation);
        TestContext.Current.SendDiagnosticMessage($"{zip.Length:N0} bytes: fill {fillMs} ms, hit {clock.ElapsedMilliseconds} ms");
        Assert.Equal(SHA256.HashData(zip), SHA256.HashData(await File.ReadAllBytesAsync(fetched.Path, Cancellation)));
        Assert.Single(origin.RequestsTo(path));
        Assert.Equal(zip.Length, again.Statistics.Snapshot().BytesFromCache);
    }

    [Fact]
    public async Task A_cached_object_with_a_flipped_byte_is_detected_replaced_from_the_origin_and_reported()
    {
        using (var first = NewRun())
        {
            (await first.FetchAsync(TestSources.File("tl_2024_35_place.zip"), Cancellation)).Dispose();
        }

        // Same length, same metadata, one byte different: only the recorded SHA-256 (or a CRC) can tell.
        var key = location.KeyOf(Place35);
        var head = await s3.GetObjectMetadataAsync(location.Bucket, key, Cancellation);
        var corrupt = Sample35.ToArray();
        corrupt[^40] ^= 0x20;
        await PutAsync(key, corrupt, head.Metadata["sha256"]);

        using var source = NewRun();
        using var fetched = await source.FetchAsync(TestSources.File("tl_2024_35_place.zip"), Cancellation);

        Assert.Equal(Sample35, await File.ReadAllBytesAsync(fetched.Path, Cancellation));
        Assert.Equal(2, origin.RequestsTo(Place35).Count);
        Assert.Equal(Sample35, await S3TestServer.GetBytesAsync(s3, location, key, Cancellation));
        var totals = source.Statistics.Snapshot();
        Assert.Equal((1, 1, 0), (totals.CacheRepairs, totals.FilesCached, totals.FilesFromCache));
        var reported = Assert.Single(log.WithId(41));
        Assert.Equal(location.Display(key), reported.Properties["Key"]);
    }

    [Fact]
    public async Task A_truncated_cached_object_without_metadata_is_detected_by_the_zip_check()
    {
        var key = location.KeyOf(Place35);
        await PutAsync(key, Sample35[..^30], sha256: null);

        using var source = NewRun();
        using var fetched = await source.FetchAsync(TestSources.File("tl_2024_35_place.zip"), Cancellation);

        Assert.Equal(Sample35, await File.ReadAllBytesAsync(fetched.Path, Cancellation));
        Assert.Contains("damaged zip", (string)log.WithId(41).Single().Properties["Reason"]!);
        Assert.Equal(1, source.Statistics.Snapshot().CacheRepairs);
        Assert.Equal(Sample35, await S3TestServer.GetBytesAsync(s3, location, key, Cancellation));
    }

    [Fact]
    public async Task A_stale_cached_listing_is_used_when_the_origin_refuses_to_list()
    {
        var vintage = TestSources.Layer("PLACE").InYear(2024);
        using (var first = NewRun())
        {
            Assert.Equal(2, (await first.ListAsync(vintage, Cancellation))!.Count);
        }

        origin.Map("TIGER2024/PLACE/", Responses.Html(403, "<html>Sorry, you have been blocked</html>"));
        using var source = NewRun(TestSources.FastPolicy with { CachedListingMaxAge = TimeSpan.Zero });

        var names = await source.ListAsync(vintage, Cancellation);

        Assert.Equal(["tl_2024_35_place.zip", "tl_2024_72_place.zip"], names!.Order());
        Assert.Single(log.WithId(44));
    }

    /// <summary>One "run": a fresh origin source and temp folder, the same cache, as a new worker would have.</summary>
    private CachingTigerSource NewRun(DownloadPolicy? policy = null)
    {
        var temp = new TempFolder();
        temps.Add(temp);
        var http = TestSources.Http(origin.BaseUrl, temp.Path, policy: policy ?? TestSources.FastPolicy, logger: log);
        return new CachingTigerSource(http, location, s3, log);
    }

    private async Task<(List<byte[]> Bytes, SourceTotals Totals)> RunAsync(ImportRequest request)
    {
        using var source = NewRun();
        var plan = Assert.Single(await ImportPlanner.PlanAsync(request, source.ListAsync, Cancellation));
        var bytes = new List<byte[]>();
        await using (var fetcher = PrefetchingFetcher.Start(source, plan.Files, PrefetchingFetcher.DefaultDepth, Cancellation))
        {
            foreach (var file in plan.Files)
            {
                using var fetched = await fetcher.NextAsync(file, Cancellation);
                bytes.Add(await File.ReadAllBytesAsync(fetched.Path, Cancellation));
            }
        }

        return (bytes, source.Statistics.Snapshot());
    }

    private async Task PutAsync(string key, byte[] bytes, string? sha256)
    {
        var put = new PutObjectRequest { BucketName = location.Bucket, Key = key, InputStream = new MemoryStream(bytes) };
        if (sha256 is not null)
        {
            put.Metadata["sha256"] = sha256;
        }

        await s3.PutObjectAsync(put, Cancellation);
    }
}
