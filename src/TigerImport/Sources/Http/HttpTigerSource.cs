using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Logging;
using TigerImport.Catalog;

namespace TigerImport.Sources.Http;

/// <summary>
/// Census's HTTPS tree (<c>https://www2.census.gov/geo/tiger/</c>) or a mirror laid out the same way. Polite by
/// construction: a real User-Agent, at most <see cref="SourceOptions.MaxConcurrentDownloads"/> requests at once,
/// jittered backoff that honours Retry-After, and a circuit breaker that stops asking a host that keeps refusing.
/// </summary>
public sealed class HttpTigerSource : ITigerSource, IDisposable
{
    public static readonly Uri CensusBaseUrl = new("https://www2.census.gov/geo/tiger/");

    private readonly Uri baseUrl;
    private readonly HttpClient client;
    private readonly SemaphoreSlim slots;
    private readonly DownloadPolicy policy;
    private readonly DownloadResilience resilience;
    private readonly HttpFileDownloader downloader;
    private readonly ILogger logger;

    public HttpTigerSource(Uri baseUrl, SourceOptions options, ILogger logger)
        : this(baseUrl, options, new DownloadFolder(options.TempDirectory, new SourceStatistics()), logger)
    {
    }

    internal HttpTigerSource(Uri baseUrl, SourceOptions options, DownloadFolder folder, ILogger logger)
    {
        if (!baseUrl.IsAbsoluteUri || (baseUrl.Scheme != Uri.UriSchemeHttps && baseUrl.Scheme != Uri.UriSchemeHttp))
        {
            throw new TigerImportException(FailureKind.Usage, $"--source {baseUrl}: expected an http(s):// URL.");
        }

        if (options.MaxConcurrentDownloads < 1)
        {
            throw new TigerImportException(FailureKind.Usage, $"--max-downloads must be 1 or more; got {options.MaxConcurrentDownloads}.");
        }

        // File paths resolve below the base only when it ends with '/'. A query or user:password in the base could not
        // be combined with file paths anyway, and must not reach logs: both are dropped.
        var path = baseUrl.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);
        this.baseUrl = new Uri(path.EndsWith('/') ? path : path + "/");
        this.logger = logger;
        policy = options.Policy;
        Folder = folder;
        client = CreateClient(options);
        slots = new SemaphoreSlim(options.MaxConcurrentDownloads);
        resilience = new DownloadResilience(policy, policy.MaxAttempts, this.baseUrl.Host, logger);
        downloader = new HttpFileDownloader(client, resilience, folder, policy, logger);
    }

    public string DisplayName => SafeUrl.Display(baseUrl);

    public SourceStatistics Statistics => Folder.Statistics;

    internal DownloadFolder Folder { get; }

    internal DownloadPolicy Policy => policy;

    /// <summary>Where a file is published on this host.</summary>
    public Uri UrlOf(TigerFile file) => new(baseUrl, file.CensusPath);

    public async Task<IReadOnlyCollection<string>?> ListAsync(TigerLayerVintage vintage, CancellationToken cancellationToken)
    {
        var url = new Uri(baseUrl, vintage.CensusDirectory + "/");
        var display = SafeUrl.Display(url);
        var clock = Stopwatch.StartNew();
        var attempts = 0;
        string? page = null;
        await slots.WaitAsync(cancellationToken);
        try
        {
            await resilience.ExecuteAsync(
                "list",
                display,
                async token =>
                {
                    attempts++;
                    page = await GetListingAsync(url, token);
                },
                cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && HttpFailureExplanation.Explain(e, display, attempts, policy, resilience.BreakReason) is { } error)
        {
            throw new TigerImportException(FailureKind.Source, $"Listing {vintage.CensusDirectory}/ failed: {error.Message}", e);
        }
        finally
        {
            slots.Release();
        }

        if (page is null)
        {
            Log.ListingUnavailable(logger, vintage.CensusDirectory, display, "404 Not Found");
            return null;
        }

        var names = DirectoryListing.ZipNames(page);
        if (names.Count == 0 && DirectoryListing.LooksBlocked(page))
        {
            throw new TigerImportException(
                FailureKind.Source,
                $"{display}: the listing is a page that says this address is blocked, not a directory index. Census may be blocking this address: try later or use an S3 mirror.");
        }

        Log.Listed(logger, "list", vintage.CensusDirectory, display, names.Count, clock.ElapsedMilliseconds);
        return names;
    }

    public async Task<FetchedFile> FetchAsync(TigerFile file, CancellationToken cancellationToken)
    {
        await slots.WaitAsync(cancellationToken);
        try
        {
            return await downloader.DownloadAsync(UrlOf(file), file.FileName, cancellationToken);
        }
        finally
        {
            slots.Release();
        }
    }

    /// <summary>A HEAD: the body is never sent, and ETag, Last-Modified and Content-Length say whether the file changed.</summary>
    public async Task<FileVersion> ProbeAsync(TigerFile file, CancellationToken cancellationToken)
    {
        var url = UrlOf(file);
        var display = SafeUrl.Display(url);
        var attempts = 0;
        FileVersion? version = null;
        await slots.WaitAsync(cancellationToken);
        try
        {
            await resilience.ExecuteAsync(
                "head",
                display,
                async token =>
                {
                    attempts++;
                    version = await HeadAsync(url, display, token);
                },
                cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && HttpFailureExplanation.Explain(e, display, attempts, policy, resilience.BreakReason) is { } error)
        {
            throw error;
        }
        finally
        {
            slots.Release();
        }

        return version!;
    }

    public void Dispose()
    {
        client.Dispose();
        slots.Dispose();
    }

    private static HttpClient CreateClient(SourceOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            // Zips are already compressed; and Content-Length must be the bytes on disk.
            AutomaticDecompression = DecompressionMethods.None,

            // Redirects are followed by SameSchemeRedirects: never to file:// or another scheme.
            AllowAutoRedirect = false,
            ConnectTimeout = TimeSpan.FromSeconds(30),

            // Re-resolve DNS now and then: long runs outlive a CDN's address changes.
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
            MaxConnectionsPerServer = options.MaxConcurrentDownloads,
        };

        // Timeouts are the policy's (per attempt, and idle), not HttpClient's single 100 s limit.
        var client = new HttpClient(new SameSchemeRedirects(options.Policy.MaxRedirects) { InnerHandler = handler }) { Timeout = Timeout.InfiniteTimeSpan };
        if (string.IsNullOrWhiteSpace(options.UserAgent) || !client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", options.UserAgent))
        {
            client.Dispose();
            throw new TigerImportException(FailureKind.Usage, "--user-agent must be a non-empty header value: Census blocks anonymous bulk clients.");
        }

        return client;
    }

    private async Task<FileVersion> HeadAsync(Uri url, string display, CancellationToken cancellationToken)
    {
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        idle.CancelAfter(policy.IdleTimeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Head, url);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, idle.Token);
            return response.StatusCode switch
            {
                HttpStatusCode.OK => new FileVersion(display, response.Content.Headers.ContentLength, response.Headers.ETag?.ToString(), response.Content.Headers.LastModified),
                _ => throw HttpStatusFault.Of(response),
            };
        }
        catch (OperationCanceledException) when (idle.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new DownloadFault(DownloadFaultKind.Stalled, $"the HEAD request for {display} stalled: nothing received for {policy.IdleTimeout.TotalSeconds:0.###} s");
        }
    }

    /// <summary>The page, read up to <see cref="DownloadPolicy.MaxListingBytes"/>: a larger (or endless) body is refused, not buffered.</summary>
    private async Task<string> ReadCappedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var cap = policy.MaxListingBytes;
        var tooLarge = $"the listing is larger than {cap:N0} bytes, so it is not a directory index (the largest Census folder's is under 1 MB); it was not read further";
        if (response.Content.Headers.ContentLength > cap)
        {
            throw new DownloadFault(DownloadFaultKind.TooLarge, tooLarge);
        }

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var page = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (page.Length + read > cap)
            {
                throw new DownloadFault(DownloadFaultKind.TooLarge, tooLarge);
            }

            page.Write(buffer, 0, read);
        }

        var charset = response.Content.Headers.ContentType?.CharSet;
        var encoding = charset is null ? System.Text.Encoding.UTF8 : System.Text.Encoding.GetEncoding(charset.Trim('"'));
        return encoding.GetString(page.GetBuffer(), 0, (int)page.Length);
    }

    /// <summary>One attempt at a directory page: its HTML, or null when the folder does not exist (404/410).</summary>
    private async Task<string?> GetListingAsync(Uri url, CancellationToken cancellationToken)
    {
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        idle.CancelAfter(policy.IdleTimeout);
        try
        {
            using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, idle.Token);
            return response.StatusCode switch
            {
                HttpStatusCode.OK => await ReadCappedAsync(response, idle.Token),
                HttpStatusCode.NotFound or HttpStatusCode.Gone => null,
                _ => throw HttpStatusFault.Of(response),
            };
        }
        catch (OperationCanceledException) when (idle.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new DownloadFault(DownloadFaultKind.Stalled, $"the listing stalled: nothing received for {policy.IdleTimeout.TotalSeconds:0.###} s");
        }
    }
}
