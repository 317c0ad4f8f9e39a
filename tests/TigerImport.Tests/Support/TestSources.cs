using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TigerImport.Catalog;
using TigerImport.Sources;
using TigerImport.Sources.Http;

namespace TigerImport.Tests.Support;

/// <summary>Sources wired for tests: the real classes, with delays shrunk so a fault test takes milliseconds, not minutes.</summary>
internal static class TestSources
{
    /// <summary>The default policy's shape (retry, backoff, Retry-After, breaker) with test-sized numbers.</summary>
    public static DownloadPolicy FastPolicy { get; } = new()
    {
        MaxAttempts = 4,
        FirstRetryDelay = TimeSpan.FromMilliseconds(10),
        MaxRetryDelay = TimeSpan.FromMilliseconds(50),
        MaxRetryAfter = TimeSpan.FromSeconds(5),
        AttemptTimeout = TimeSpan.FromSeconds(20),

        // Long enough that a busy CI machine never fakes a stall (that would add a request to the counts tests assert).
        IdleTimeout = TimeSpan.FromSeconds(3),
    };

    /// <summary><see cref="FastPolicy"/> with a 300 ms idle timeout, for the tests that stage a stall.</summary>
    public static DownloadPolicy StallPolicy { get; } = FastPolicy with { IdleTimeout = TimeSpan.FromMilliseconds(300) };

    public const string UserAgent = "tigerimport-tests/1.0 (+https://example.org/tigerimport)";

    public static SourceOptions Options(string source, string tempDirectory, int maxDownloads = 2, DownloadPolicy? policy = null) =>
        new(source, null, tempDirectory, UserAgent, maxDownloads, null) { Policy = policy ?? FastPolicy };

    public static HttpTigerSource Http(Uri baseUrl, string tempDirectory, int maxDownloads = 2, DownloadPolicy? policy = null, ILogger? logger = null) =>
        new(baseUrl, Options(baseUrl.AbsoluteUri, tempDirectory, maxDownloads, policy), logger ?? NullLogger.Instance);

    /// <summary>A catalog file by its Census name, e.g. <c>tl_2024_35_place.zip</c>.</summary>
    public static TigerFile File(string fileName) =>
        TigerFileName.TryParse(fileName, out var file) ? file : throw new ArgumentException($"{fileName} is not a catalog file name.", nameof(fileName));

    public static TigerLayer Layer(string key) =>
        TigerLayers.TryFind(key, out var layer) ? layer : throw new ArgumentException($"{key} is not a catalog layer.", nameof(key));
}
