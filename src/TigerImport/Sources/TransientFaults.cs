using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using Polly.Timeout;

namespace TigerImport.Sources;

/// <summary>
/// The one place that decides which failures are worth another attempt (retried, with backoff) and which count
/// against a host for the circuit breaker. Everything else fails at once with its own message.
/// </summary>
internal static class TransientFaults
{
    public static bool IsTransient(Exception exception) => exception switch
    {
        DownloadFault fault => fault.Kind switch
        {
            DownloadFaultKind.Status => fault.StatusCode is { } status && IsTransient(status),
            DownloadFaultKind.Incomplete or DownloadFaultKind.Stalled => true,

            // Bad bytes on the wire happen, but a file corrupt at the origin would be fetched again and again: one more try.
            DownloadFaultKind.Corrupt => fault.Occurrence < 2,
            _ => false,
        },
        TimeoutRejectedException => true,
        AmazonServiceException s3 => IsTransient(s3.StatusCode) || s3.ErrorCode is "SlowDown" or "RequestTimeout" or "InternalError",
        AmazonClientException { InnerException: { } inner } => IsTransient(inner),
        HttpRequestException http => http.StatusCode is not { } status || IsTransient(status),

        // Connection reset, refused or cut mid-body (HttpIOException "response ended prematurely" is an IOException).
        IOException or SocketException => true,
        _ => false,
    };

    /// <summary>408, 429 and 5xx other than 501: the server may answer differently later.</summary>
    public static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests
        || ((int)status >= 500 && status != HttpStatusCode.NotImplemented);

    /// <summary>Failures that say the host is refusing us: transient ones, and blocking (403, an HTML page for a zip).</summary>
    public static bool CountsAgainstHost(Exception exception) =>
        IsTransient(exception) || exception is DownloadFault { Kind: DownloadFaultKind.Blocked or DownloadFaultKind.HtmlPage };
}
