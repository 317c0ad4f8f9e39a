using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.S3.Transfer;
using Microsoft.Extensions.Logging;
using Polly.Timeout;
using TigerImport.Archive;

namespace TigerImport.Sources.S3;

/// <summary>
/// The S3 operations the S3 source and the cache need, each retried as a whole. Downloads stream to a
/// <see cref="PartialFile"/> and resume with a ranged GET pinned to the object's ETag; uploads go through
/// TransferUtility (multipart above 16 MB). Failures that remain are thrown; callers decide whose they are.
/// </summary>
internal sealed class S3ObjectStore(IAmazonS3 client, S3Prefix location, DownloadPolicy policy, ILogger logger)
{
    /// <summary>Metadata key (x-amz-meta-sha256) holding the SHA-256 of the object as uploaded.</summary>
    public const string Sha256Metadata = "sha256";

    /// <summary>Metadata key (x-amz-meta-origin) naming the URL a cached file was downloaded from.</summary>
    public const string OriginMetadata = "origin";

    /// <summary>
    /// The SDK already retries each request (standard mode, 3 tries); these attempts add what it cannot: a body cut
    /// mid-stream, a stall. Three keep the worst case at nine requests per operation.
    /// </summary>
    internal const int Attempts = 3;

    /// <summary>
    /// TransferUtility goes multipart from 16 MB (its default threshold); 8 MiB parts are above S3's 5 MiB minimum and
    /// give a 528 MB ZCTA file 66 parts, far below the 10,000-part limit.
    /// </summary>
    private const long PartSize = 8 * 1024 * 1024;

    /// <summary>Parts uploaded at once: 4 × 8 MiB in flight keeps memory small and a Fargate task's network busy.</summary>
    private const int UploadConcurrency = 4;

    private readonly DownloadResilience resilience = new(policy, Attempts, breakerHost: null, logger);

    public S3Prefix Location => location;

    /// <summary>Why an S3 operation failed, for a message; null when the exception is a bug rather than an S3 failure.</summary>
    public static string? Explain(Exception exception) => exception switch
    {
        AmazonServiceException s3 => $"{(int)s3.StatusCode} {s3.ErrorCode}: {s3.Message}",
        TimeoutRejectedException => "timed out",
        DownloadFault or AmazonClientException or IOException or HttpRequestException => ExceptionMessage.WithCause(exception),
        _ => null,
    };

    /// <summary>The object's size, ETag and recorded SHA-256, or null when there is no such key.</summary>
    public async Task<S3ObjectInfo?> HeadAsync(string key, CancellationToken cancellationToken)
    {
        S3ObjectInfo? info = null;
        await resilience.ExecuteAsync(
            "head",
            location.Display(key),
            async token =>
            {
                try
                {
                    var head = await client.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = location.Bucket, Key = key }, token);
                    info = new S3ObjectInfo(head.ContentLength, head.ETag, head.LastModified, head.Metadata?[Sha256Metadata]);
                }
                catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
                {
                    info = null;
                }
            },
            cancellationToken);
        return info;
    }

    /// <summary>The names directly in a folder (<paramref name="folder"/> ends with '/'), every page of the listing.</summary>
    public async Task<IReadOnlyList<string>> ListNamesAsync(string folder, CancellationToken cancellationToken)
    {
        var prefix = location.KeyOf(folder);
        var names = new List<string>();
        await resilience.ExecuteAsync(
            "list",
            location.Display(prefix),
            async token =>
            {
                names.Clear();
                var request = new ListObjectsV2Request { BucketName = location.Bucket, Prefix = prefix, Delimiter = "/" };
                ListObjectsV2Response page;
                do
                {
                    page = await client.ListObjectsV2Async(request, token);
                    names.AddRange((page.S3Objects ?? []).Select(o => o.Key[prefix.Length..]));
                    request.ContinuationToken = page.NextContinuationToken;
                }
                while (page.IsTruncated == true);
            },
            cancellationToken);
        return names;
    }

    /// <summary>Streams an object into <paramref name="partial"/>; returns the attempts it took.</summary>
    public async Task<int> DownloadAsync(string key, S3ObjectInfo info, PartialFile partial, CancellationToken cancellationToken)
    {
        var attempts = 0;
        await resilience.ExecuteAsync(
            "download",
            location.Display(key),
            async token =>
            {
                attempts++;
                await DownloadAttemptAsync(key, info, partial, token);
            },
            cancellationToken);
        return attempts;
    }

    /// <summary>
    /// Whether a downloaded object is what it should be: the size the HEAD gave, a sound zip (every CRC-32), and the
    /// SHA-256 recorded at upload when there is one. Null when it is; otherwise the reason.
    /// </summary>
    public async Task<string?> FindProblemAsync(PartialFile partial, S3ObjectInfo info, CancellationToken cancellationToken)
    {
        if (partial.Length != info.Length)
        {
            return $"{partial.Length:N0} bytes received, the object has {info.Length:N0}";
        }

        if (await ZipFileCheck.FindDefectAsync(partial.Path, cancellationToken) is { } defect)
        {
            return ZipFileCheck.Describe(defect, "the object");
        }

        if (info.Sha256 is { } expected && await FileSha256.ComputeAsync(partial.Path, cancellationToken) is var actual && actual != expected)
        {
            return $"its SHA-256 is {actual[..12]}…, not the {expected[..Math.Min(12, expected.Length)]}… recorded when it was uploaded";
        }

        return null;
    }

    /// <summary>Uploads a file (multipart above 16 MB) with metadata; TransferUtility aborts a failed multipart upload.</summary>
    public async Task UploadAsync(string path, string key, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        using var transfer = new TransferUtility(client, new TransferUtilityConfig { ConcurrentServiceRequests = UploadConcurrency });
        await resilience.ExecuteAsync(
            "upload",
            location.Display(key),
            async token =>
            {
                var request = new TransferUtilityUploadRequest
                {
                    BucketName = location.Bucket,
                    Key = key,
                    FilePath = path,
                    PartSize = PartSize,
                    ContentType = "application/zip",
                };
                foreach (var (name, value) in metadata)
                {
                    request.Metadata.Add(name, value);
                }

                await transfer.UploadAsync(request, token);
            },
            cancellationToken);
    }

    /// <summary>A small text object and when it was written, or null when there is none.</summary>
    public async Task<(string Text, DateTimeOffset Written)?> GetTextAsync(string key, CancellationToken cancellationToken)
    {
        (string, DateTimeOffset)? result = null;
        await resilience.ExecuteAsync(
            "get",
            location.Display(key),
            async token =>
            {
                try
                {
                    using var response = await client.GetObjectAsync(new GetObjectRequest { BucketName = location.Bucket, Key = key }, token);
                    using var reader = new StreamReader(response.ResponseStream);
                    result = (await reader.ReadToEndAsync(token), response.LastModified ?? DateTimeOffset.MinValue);
                }
                catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
                {
                    result = null;
                }
            },
            cancellationToken);
        return result;
    }

    public Task PutTextAsync(string key, string text, CancellationToken cancellationToken) => resilience.ExecuteAsync(
        "put",
        location.Display(key),
        token => client.PutObjectAsync(new PutObjectRequest { BucketName = location.Bucket, Key = key, ContentBody = text, ContentType = "text/plain" }, token),
        cancellationToken);

    private async Task DownloadAttemptAsync(string key, S3ObjectInfo info, PartialFile partial, CancellationToken cancellationToken)
    {
        var request = new GetObjectRequest { BucketName = location.Bucket, Key = key };
        if (partial.Length > 0 && partial.Length < info.Length && info.ETag is not null)
        {
            // Pinned to the ETag the HEAD saw: if the object was replaced meanwhile, S3 answers 412 instead of splicing two versions.
            request.ByteRange = new ByteRange(partial.Length, info.Length - 1);
            request.EtagToMatch = info.ETag;
        }
        else
        {
            partial.Reset();
        }

        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        idle.CancelAfter(policy.IdleTimeout);
        try
        {
            using var response = await client.GetObjectAsync(request, idle.Token);
            await partial.AppendAsync(response.ResponseStream, idle, policy.IdleTimeout, policy.StallMinimumBytes, cancellationToken);
        }
        catch (OperationCanceledException) when (idle.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new DownloadFault(DownloadFaultKind.Stalled, $"fewer than {policy.StallMinimumBytes:N0} bytes received in {policy.IdleTimeout.TotalSeconds:0.###} s");
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.PreconditionFailed)
        {
            partial.Reset();
            throw new DownloadFault(DownloadFaultKind.Incomplete, "the object was replaced during the download; starting over");
        }

        if (partial.Length != info.Length)
        {
            throw new DownloadFault(DownloadFaultKind.Incomplete, $"the body ended at {partial.Length:N0} of {info.Length:N0} bytes");
        }
    }
}
