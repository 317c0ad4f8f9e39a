using Amazon.S3;

namespace TigerImport.Sources.S3;

/// <summary>The S3 client for <c>--source s3://</c> and <c>--cache</c>: credentials and region from the default AWS chain.</summary>
internal static class S3Clients
{
    /// <param name="endpoint">An S3-compatible server (<c>--s3-endpoint</c> / AWS_ENDPOINT_URL_S3), or null for AWS.</param>
    public static IAmazonS3 Create(string? endpoint)
    {
        var config = new AmazonS3Config();
        if (!string.IsNullOrWhiteSpace(endpoint))
        {
            if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                throw new TigerImportException(FailureKind.Usage, $"--s3-endpoint {endpoint}: expected an http(s):// URL.");
            }

            config.ServiceURL = uri.AbsoluteUri;

            // S3-compatible servers rarely resolve bucket.host names; path style works everywhere.
            config.ForcePathStyle = true;
        }

        // No keys here: the chain finds the ECS task role (or env, profile, instance role) and refreshes it.
        return new AmazonS3Client(config);
    }
}
