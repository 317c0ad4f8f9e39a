using Polly.CircuitBreaker;
using Polly.Timeout;

namespace TigerImport.Sources.Http;

/// <summary>Turns the last failure of an HTTP download or listing into the message an operator acts on (exit code 3).</summary>
internal static class HttpFailureExplanation
{
    private const string BlockedAdvice =
        "Census may be blocking this address: try later, lower --max-downloads, set a real --user-agent, or use an S3 mirror (--source s3://… or --cache s3://…).";

    /// <summary>The Source error an operator reads for a request that failed for good; null for a bug (not caught).</summary>
    public static TigerImportException? Explain(Exception exception, string url, int attempts, DownloadPolicy policy, string? breakReason)
    {
        var gaveUp = $"gave up after {attempts} attempt{(attempts == 1 ? "" : "s")}";
        var message = exception switch
        {
            DownloadFault { Kind: DownloadFaultKind.NotFound } f =>
                $"{url}: {f.Message} The file is not published there: check --year, --layers and --states (--skip-missing skips files that a listing shows are absent).",
            DownloadFault { Kind: DownloadFaultKind.Blocked } f => $"{url}: {f.Message} {BlockedAdvice}",
            DownloadFault { Kind: DownloadFaultKind.HtmlPage } f => $"{url}: {f.Message} Nothing was loaded from it. {BlockedAdvice}",
            DownloadFault { RetryAfter: { } after } f when after > policy.MaxRetryAfter =>
                $"{url}: {f.Message}, and the server asked to wait {after.TotalSeconds:0} s (Retry-After), more than the {policy.MaxRetryAfter.TotalSeconds:0} s this worker waits. Census is rate-limiting this address: try later or lower --max-downloads.",
            DownloadFault { RetryAfter: not null } f =>
                $"{url}: {f.Message} ({gaveUp}, each time waiting as long as Retry-After asked). Census may be rate-limiting this address: try later or lower --max-downloads.",
            DownloadFault f => $"{url}: {f.Message} ({gaveUp}).",
            BrokenCircuitException broken =>
                $"{url}: not requested: {new Uri(url).Host} failed too often recently (last: {breakReason ?? "unknown"}), so requests to it are paused{(broken.RetryAfter is { } wait ? $" for {wait.TotalSeconds:0} s" : "")}. Census may be blocking or rate-limiting this address: try later, lower --max-downloads, or use an S3 mirror.",
            TimeoutRejectedException => $"{url}: an attempt took longer than {policy.AttemptTimeout.TotalSeconds:0.###} s ({gaveUp}).",
            HttpRequestException or IOException or System.Net.Sockets.SocketException => $"{url}: {ExceptionMessage.WithCause(exception)} ({gaveUp}).",
            _ => null,
        };
        return message is null ? null : new TigerImportException(FailureKind.Source, message, exception);
    }
}
