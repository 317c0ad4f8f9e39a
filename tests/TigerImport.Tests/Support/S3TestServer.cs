using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using TigerImport.Sources.S3;

namespace TigerImport.Tests.Support;

/// <summary>
/// The S3-protocol server the S3 tests run against (fauxqs, started by <c>scripts/s3-server.sh start</c>), found through
/// TIGER_TEST_S3_ENDPOINT. Locally its absence skips those tests with a message; on CI (CI=true) it fails them.
/// </summary>
internal static class S3TestServer
{
    public const string EndpointVariable = "TIGER_TEST_S3_ENDPOINT";

    private const string Bucket = "tigerimport-tests";

    public static string Endpoint
    {
        get
        {
            var endpoint = Environment.GetEnvironmentVariable(EndpointVariable);
            if (!string.IsNullOrWhiteSpace(endpoint))
            {
                return endpoint;
            }

            const string how = "start one with: export " + EndpointVariable + "=$(scripts/s3-server.sh start)";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail($"{EndpointVariable} is not set, and CI must run the S3 tests: {how}");
            }

            Assert.Skip($"{EndpointVariable} is not set: S3 tests skipped ({how}).");
            return null!;
        }
    }

    /// <summary>A client for the test server; it checks no signatures, so any key will do.</summary>
    public static IAmazonS3 Client() => new AmazonS3Client(
        new BasicAWSCredentials("test", "test"),
        new AmazonS3Config { ServiceURL = Endpoint, ForcePathStyle = true, AuthenticationRegion = "us-east-1" });

    /// <summary>A fresh prefix in the test bucket (created on first use), so tests never see each other's objects.</summary>
    public static async Task<S3Prefix> NewPrefixAsync(IAmazonS3 client, CancellationToken cancellationToken)
    {
        try
        {
            await client.PutBucketAsync(new PutBucketRequest { BucketName = Bucket }, cancellationToken);
        }
        catch (AmazonS3Exception e) when (e.ErrorCode is "BucketAlreadyOwnedByYou" or "BucketAlreadyExists")
        {
        }

        return new S3Prefix(Bucket, $"run-{Guid.NewGuid():N}/");
    }

    public static async Task<byte[]> GetBytesAsync(IAmazonS3 client, S3Prefix location, string key, CancellationToken cancellationToken)
    {
        using var response = await client.GetObjectAsync(location.Bucket, key, cancellationToken);
        using var buffer = new MemoryStream();
        await response.ResponseStream.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }
}
