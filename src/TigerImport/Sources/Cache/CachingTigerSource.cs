using System.Diagnostics;
using Amazon.S3;
using Microsoft.Extensions.Logging;
using TigerImport.Catalog;
using TigerImport.Sources.Http;
using TigerImport.Sources.S3;

namespace TigerImport.Sources.Cache;

/// <summary>
/// A read-through S3 cache in front of Census (or a mirror), so Census is asked once per file per vintage: a file is
/// looked up in S3 first (HEAD); a hit is downloaded and verified (size, every CRC-32, the SHA-256 recorded at upload);
/// a miss, or a corrupt object, is downloaded from the origin, verified, uploaded (multipart for large files) and
/// loaded. Directory listings are cached too, so a warm run sends the origin no request at all. The cache is an
/// optimisation: when S3 fails, the worker goes on with the origin and says so in the log.
/// </summary>
public sealed class CachingTigerSource : ITigerSource, IDisposable
{
    /// <summary>The cached copy of a Census directory index: one file name a line, beside the zips (Census names start with tl_).</summary>
    public const string ListingObjectName = "_listing.txt";

    private readonly HttpTigerSource origin;
    private readonly IAmazonS3 client;
    private readonly bool ownsClient;
    private readonly S3ObjectStore cache;
    private readonly DownloadPolicy policy;
    private readonly ILogger logger;

    /// <param name="origin">Where misses come from; disposed with this source.</param>
    /// <param name="ownsClient">Dispose <paramref name="client"/> with this source.</param>
    public CachingTigerSource(HttpTigerSource origin, S3Prefix location, IAmazonS3 client, ILogger logger, bool ownsClient = false)
    {
        this.origin = origin;
        this.client = client;
        this.ownsClient = ownsClient;
        this.logger = logger;
        policy = origin.Policy;
        cache = new S3ObjectStore(client, location, policy, logger);
    }

    public string DisplayName => $"{origin.DisplayName} through the cache {cache.Location}";

    public SourceStatistics Statistics => origin.Statistics;

    public async Task<IReadOnlyCollection<string>?> ListAsync(TigerLayerVintage vintage, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var key = cache.Location.KeyOf($"{vintage.CensusDirectory}/{ListingObjectName}");
        var display = cache.Location.Display(key);
        (string Text, DateTimeOffset Written)? cached = null;
        try
        {
            cached = await cache.GetTextAsync(key, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && S3ObjectStore.Explain(e) is { } reason)
        {
            Log.CacheUnavailable(logger, "get", display, reason);
        }

        if (cached is { } fresh && DateTimeOffset.UtcNow - fresh.Written < policy.CachedListingMaxAge)
        {
            var names = Names(fresh.Text);
            Log.ListedFromS3(logger, "list", vintage.CensusDirectory, display, names.Count, clock.ElapsedMilliseconds);
            return names;
        }

        IReadOnlyCollection<string>? listed;
        try
        {
            listed = await origin.ListAsync(vintage, cancellationToken);
        }
        catch (TigerImportException e) when (cached is { } stale)
        {
            // Census refusing us is no reason to forget what it published: file names of a vintage rarely change.
            Log.StaleListingUsed(logger, vintage.CensusDirectory, e.Message, display, stale.Written);
            return Names(stale.Text);
        }

        if (listed is null)
        {
            return cached is { } stale ? Names(stale.Text) : null;
        }

        try
        {
            await cache.PutTextAsync(key, string.Join('\n', listed.Order(StringComparer.Ordinal)) + "\n", cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && S3ObjectStore.Explain(e) is { } reason)
        {
            Log.CacheUnavailable(logger, "put", display, reason);
        }

        return listed;
    }

    public async Task<FetchedFile> FetchAsync(TigerFile file, CancellationToken cancellationToken)
    {
        var key = cache.Location.KeyOf(file.CensusPath);
        var display = cache.Location.Display(key);
        var url = SafeUrl.Display(origin.UrlOf(file));
        var repairing = false;
        S3ObjectInfo? info = null;
        try
        {
            info = await cache.HeadAsync(key, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && S3ObjectStore.Explain(e) is { } reason)
        {
            Log.CacheUnavailable(logger, "head", display, reason);
        }

        if (info is not null)
        {
            var clock = Stopwatch.StartNew();
            using var partial = origin.Folder.Create(file.FileName);
            try
            {
                await cache.DownloadAsync(key, info, partial, cancellationToken);
                if (await cache.FindProblemAsync(partial, info, cancellationToken) is { } problem)
                {
                    Log.CacheCorrupt(logger, file.FileName, display, problem, url);
                    repairing = true;
                }
                else
                {
                    Log.CacheHit(logger, "cache", file.FileName, display, partial.Length, clock.ElapsedMilliseconds);
                    Statistics.FileFromCache();
                    return partial.Complete();
                }
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested && S3ObjectStore.Explain(e) is { } reason)
            {
                Log.CacheUnavailable(logger, "download", display, reason);
            }
            finally
            {
                Statistics.ReadFromCache(partial.BytesReceived);
            }
        }
        else
        {
            Log.CacheMiss(logger, file.FileName, display, url);
        }

        var fetched = await origin.FetchAsync(file, cancellationToken);
        await StoreAsync(fetched, file, key, url, repairing, cancellationToken);
        return fetched;
    }

    /// <summary>
    /// The cached copy's HEAD when there is one (its SHA-256 recorded at upload says whether it is the published file),
    /// so an unchanged month asks Census nothing, as the cache promises; the origin's HEAD otherwise.
    /// </summary>
    public async Task<FileVersion> ProbeAsync(TigerFile file, CancellationToken cancellationToken)
    {
        var key = cache.Location.KeyOf(file.CensusPath);
        var display = cache.Location.Display(key);
        try
        {
            if (await cache.HeadAsync(key, cancellationToken) is { } info)
            {
                return info.VersionAt(display);
            }
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && S3ObjectStore.Explain(e) is { } reason)
        {
            Log.CacheUnavailable(logger, "head", display, reason);
        }

        return await origin.ProbeAsync(file, cancellationToken);
    }

    public void Dispose()
    {
        origin.Dispose();
        if (ownsClient)
        {
            client.Dispose();
        }
    }

    private static List<string> Names(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    /// <summary>Uploads a verified download; a failure is logged and the file is loaded anyway (the next run tries again).</summary>
    private async Task StoreAsync(FetchedFile fetched, TigerFile file, string key, string url, bool repairing, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var display = cache.Location.Display(key);
        try
        {
            var metadata = new Dictionary<string, string>
            {
                [S3ObjectStore.Sha256Metadata] = await FileSha256.ComputeAsync(fetched.Path, cancellationToken),
                [S3ObjectStore.OriginMetadata] = url,
            };
            await cache.UploadAsync(fetched.Path, key, metadata, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && S3ObjectStore.Explain(e) is { } reason)
        {
            Log.CacheUnavailable(logger, "upload", display, reason);
            return;
        }

        Statistics.FileCached();
        if (repairing)
        {
            Statistics.CacheRepaired();
        }

        Log.CacheStored(logger, "cache-upload", file.FileName, display, fetched.Length, clock.ElapsedMilliseconds);
    }
}
