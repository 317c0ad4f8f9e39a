namespace TigerImport.Sources;

/// <summary>Where files come from and how they are fetched.</summary>
/// <param name="Source">"census", an http(s):// base URL laid out like Census's geo/tiger tree, s3://bucket/prefix, or a folder.</param>
/// <param name="Cache">An s3://bucket/prefix read-through cache in front of an HTTP source, or null.</param>
/// <param name="TempDirectory">Where downloads are written until loaded.</param>
/// <param name="UserAgent">Sent with every HTTP request; Census blocks anonymous bulk clients.</param>
/// <param name="MaxConcurrentDownloads">At most this many downloads at once: Census blocks many at once from one address.</param>
/// <param name="S3Endpoint">An S3-compatible endpoint (AWS_ENDPOINT_URL_S3), or null for AWS.</param>
public sealed record SourceOptions(
    string Source,
    string? Cache,
    string TempDirectory,
    string UserAgent,
    int MaxConcurrentDownloads,
    string? S3Endpoint)
{
    public const string Census = "census";

    /// <summary>Retries, timeouts and the circuit breaker; the defaults suit Census.</summary>
    public DownloadPolicy Policy { get; init; } = DownloadPolicy.Default;
}
