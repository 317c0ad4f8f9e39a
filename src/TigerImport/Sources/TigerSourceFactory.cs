using Microsoft.Extensions.Logging;
using TigerImport.Sources.Cache;
using TigerImport.Sources.Folder;
using TigerImport.Sources.Http;
using TigerImport.Sources.S3;

namespace TigerImport.Sources;

/// <summary>Turns <c>--source</c> (and <c>--cache</c>) into a source.</summary>
public static class TigerSourceFactory
{
    /// <summary>The source for the options; HTTP and S3 sources are <see cref="IDisposable"/> and the caller disposes them.</summary>
    public static ITigerSource Create(SourceOptions options, ILogger logger)
    {
        var source = options.Source.Trim();
        var cache = string.IsNullOrWhiteSpace(options.Cache) ? null : S3Prefix.Parse(options.Cache.Trim(), "--cache");
        if (source.StartsWith("s3://", StringComparison.OrdinalIgnoreCase))
        {
            if (cache is not null)
            {
                throw new TigerImportException(FailureKind.Usage, "--cache applies to a download source (census, http(s)://); an s3:// source needs no cache.");
            }

            return new S3TigerSource(S3Prefix.Parse(source, "--source"), S3Clients.Create(options.S3Endpoint), options, logger, ownsClient: true);
        }

        Uri? baseUrl = null;
        if (source.Equals(SourceOptions.Census, StringComparison.OrdinalIgnoreCase))
        {
            baseUrl = HttpTigerSource.CensusBaseUrl;
        }
        else if (source.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || source.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            baseUrl = Uri.TryCreate(source, UriKind.Absolute, out var parsed)
                ? parsed
                : throw new TigerImportException(FailureKind.Usage, $"--source {source}: not a valid URL.");
        }

        if (baseUrl is null)
        {
            return cache is null
                ? new LocalFolderSource(source)
                : throw new TigerImportException(FailureKind.Usage, "--cache applies to a download source (census, http(s)://), not to a local folder.");
        }

        var origin = new HttpTigerSource(baseUrl, options, logger);
        return cache is null ? origin : new CachingTigerSource(origin, cache, S3Clients.Create(options.S3Endpoint), logger, ownsClient: true);
    }
}
