namespace TigerImport.Sources;

/// <summary>
/// How hard a source tries and how politely: retries, timeouts and the circuit breaker. The defaults are for Census
/// (which blocks bulk clients); tests shrink the delays. docs/sources.md explains each number.
/// </summary>
public sealed record DownloadPolicy
{
    public static DownloadPolicy Default { get; } = new();

    /// <summary>Attempts per download or listing, the first included (5 retries: about 1 min of backoff before Retry-After).</summary>
    public int MaxAttempts { get; init; } = 6;

    /// <summary>The median first backoff; it doubles per retry with decorrelated jitter, so parallel workers spread out.</summary>
    public TimeSpan FirstRetryDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>No computed backoff waits longer than this.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// A 429/503 <c>Retry-After</c> is honoured up to this long; a server that asks for more is refusing us for now, and
    /// the download fails with a clear error rather than holding the worker idle (or retrying early, which is impolite).
    /// </summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// One attempt's limit, headers to last byte. 20 min fits the biggest file (ZCTA520, ~528 MB) at 0.5 MB/s; a timed-out
    /// attempt is not wasted, because the next one resumes with a Range request.
    /// </summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromMinutes(20);

    /// <summary>
    /// An attempt is abandoned (and resumed) when no response arrives for this long, or when the body brings fewer than
    /// <see cref="StallMinimumBytes"/> in this long: a body trickling a few bytes a second is a stall, not progress.
    /// </summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The progress that re-arms <see cref="IdleTimeout"/>: 16 KiB a minute is far below any working connection.</summary>
    public int StallMinimumBytes { get; init; } = 16 * 1024;

    /// <summary>
    /// A directory listing larger than this is not a directory index (Census's largest, EDGES with 3,235 zips, is about
    /// 600 KB): it is refused rather than read into memory without end.
    /// </summary>
    public int MaxListingBytes { get; init; } = 8 * 1024 * 1024;

    /// <summary>Redirects followed per request (same scheme only: http to http, https to https), then the last 3xx is the answer.</summary>
    public int MaxRedirects { get; init; } = 10;

    /// <summary>The circuit opens when at least this share of the requests in the sampling window failed ...</summary>
    public double BreakerFailureRatio { get; init; } = 0.9;

    /// <summary>... and there were at least this many (two files' worth of attempts): one bad file alone does not open it.</summary>
    public int BreakerMinimumThroughput { get; init; } = 12;

    public TimeSpan BreakerSamplingDuration { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a blocked host is left alone: every download from it fails at once (exit 3) until then.</summary>
    public TimeSpan BreakerBreakDuration { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>A directory listing kept in the cache is used without asking the origin while younger than this.</summary>
    public TimeSpan CachedListingMaxAge { get; init; } = TimeSpan.FromDays(30);
}
