using Amazon.Runtime;
using Amazon.S3;
using TigerImport.Sources.Cache;
using TigerImport.Sources.S3;
using TigerImport.Tests.Support;

namespace TigerImport.Tests.Sources;

/// <summary>The cache is an optimisation: with S3 unreachable, files still come from the origin (no S3 server needed).</summary>
public sealed class CacheOutageTests : FaultServerTest
{
    private const string PlacePath = "TIGER2024/PLACE/tl_2024_35_place.zip";
    private readonly ListLogger log = new();

    [Fact]
    public async Task With_S3_unreachable_the_file_comes_from_the_origin_and_the_log_says_why()
    {
        var sample = await File.ReadAllBytesAsync(Path.Combine(RepoPaths.Samples, "tl_2024_35_place.zip"), Cancellation);
        Server.Map(PlacePath, Responses.File(sample));

        // Port 9 (discard) is closed on a test machine: every S3 call is refused at once.
        using var s3 = new AmazonS3Client(
            new BasicAWSCredentials("test", "test"),
            new AmazonS3Config { ServiceURL = "http://127.0.0.1:9", ForcePathStyle = true, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });
        using var source = new CachingTigerSource(TestSources.Http(Server.BaseUrl, Temp.Path, logger: log), new S3Prefix("tiger-cache", ""), s3, log);

        using var fetched = await source.FetchAsync(TestSources.File("tl_2024_35_place.zip"), Cancellation);

        Assert.Equal(sample, await File.ReadAllBytesAsync(fetched.Path, Cancellation));
        Assert.Equal(["head", "upload"], log.WithId(42).Select(e => (string)e.Properties["Operation"]!));
        Assert.Equal(0, source.Statistics.Snapshot().FilesCached);
    }
}
