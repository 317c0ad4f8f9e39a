using System.Diagnostics;
using Amazon.S3;
using Microsoft.Extensions.Logging;
using TigerImport.Catalog;

namespace TigerImport.Sources.S3;

/// <summary>
/// An S3 mirror laid out like Census's tree (<c>s3://bucket/prefix/TIGER2024/PLACE/tl_2024_06_place.zip</c>), with
/// credentials from the default AWS chain (the ECS task role). Every object is verified before it is handed on; a
/// missing or damaged object is a Source error (exit 3) naming its s3:// URL.
/// </summary>
public sealed class S3TigerSource : ITigerSource, IDisposable
{
    private readonly IAmazonS3 client;
    private readonly bool ownsClient;
    private readonly S3ObjectStore store;
    private readonly DownloadFolder folder;
    private readonly SemaphoreSlim slots;
    private readonly ILogger logger;

    /// <param name="ownsClient">Dispose <paramref name="client"/> with this source.</param>
    public S3TigerSource(S3Prefix location, IAmazonS3 client, SourceOptions options, ILogger logger, bool ownsClient = false)
    {
        this.client = client;
        this.ownsClient = ownsClient;
        this.logger = logger;
        store = new S3ObjectStore(client, location, options.Policy, logger);
        folder = new DownloadFolder(options.TempDirectory, new SourceStatistics());
        slots = new SemaphoreSlim(Math.Max(1, options.MaxConcurrentDownloads));
    }

    public string DisplayName => store.Location.ToString();

    public SourceStatistics Statistics => folder.Statistics;

    public async Task<IReadOnlyCollection<string>?> ListAsync(TigerLayerVintage vintage, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var key = store.Location.KeyOf(vintage.CensusDirectory + "/");
        IReadOnlyList<string> names;
        try
        {
            names = await store.ListNamesAsync(vintage.CensusDirectory + "/", cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && S3ObjectStore.Explain(e) is { } reason)
        {
            throw new TigerImportException(FailureKind.Source, $"Listing {store.Location.Display(key)} failed: {reason}", e);
        }

        var zips = names.Where(n => n.EndsWith(".zip", StringComparison.OrdinalIgnoreCase)).ToList();
        Log.ListedFromS3(logger, "list", vintage.CensusDirectory, store.Location.Display(key), zips.Count, clock.ElapsedMilliseconds);
        return zips;
    }

    public async Task<FetchedFile> FetchAsync(TigerFile file, CancellationToken cancellationToken)
    {
        await slots.WaitAsync(cancellationToken);
        try
        {
            return await DownloadAsync(file, cancellationToken);
        }
        finally
        {
            slots.Release();
        }
    }

    /// <summary>A HEAD of the object: its size, ETag and the SHA-256 recorded when this worker uploaded it.</summary>
    public async Task<FileVersion> ProbeAsync(TigerFile file, CancellationToken cancellationToken)
    {
        var key = store.Location.KeyOf(file.CensusPath);
        var display = store.Location.Display(key);
        try
        {
            var info = await store.HeadAsync(key, cancellationToken)
                ?? throw new TigerImportException(FailureKind.Source, $"{display} does not exist (404): the S3 source has no such file; check --year, --layers and --states, or the mirror.");
            return info.VersionAt(display);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not TigerImportException && S3ObjectStore.Explain(e) is { } reason)
        {
            throw new TigerImportException(FailureKind.Source, $"{display}: {reason}", e);
        }
    }

    public void Dispose()
    {
        slots.Dispose();
        if (ownsClient)
        {
            client.Dispose();
        }
    }

    private async Task<FetchedFile> DownloadAsync(TigerFile file, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var key = store.Location.KeyOf(file.CensusPath);
        var display = store.Location.Display(key);
        using var partial = folder.Create(file.FileName);
        try
        {
            var info = await store.HeadAsync(key, cancellationToken)
                ?? throw new TigerImportException(FailureKind.Source, $"{display} does not exist (404): the S3 source has no such file; check --year, --layers and --states, or the mirror.");
            var attempts = await store.DownloadAsync(key, info, partial, cancellationToken);
            if (await store.FindProblemAsync(partial, info, cancellationToken) is { } problem)
            {
                throw new TigerImportException(FailureKind.Source, $"{display} is damaged: {problem}. Replace the object in the mirror.");
            }

            Log.S3Downloaded(logger, "download", file.FileName, display, partial.Length, attempts, clock.ElapsedMilliseconds);
            folder.Statistics.FileDownloaded();
            return partial.Complete();
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not TigerImportException && S3ObjectStore.Explain(e) is { } reason)
        {
            throw new TigerImportException(FailureKind.Source, $"{display}: {reason}", e);
        }
        finally
        {
            folder.Statistics.Downloaded(partial.BytesReceived);
        }
    }
}
