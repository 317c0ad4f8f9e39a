using System.Net;

namespace TigerImport.Sources.Http;

/// <summary>The one mapping of an HTTP status that is not the answer asked for to the fault the retry policy reads.</summary>
internal static class HttpStatusFault
{
    /// <summary>404/410: not published there; 403: blocked; anything else: a status, retried as the policy says (with the server's Retry-After).</summary>
    /// <param name="forbidden">The message for a 403, when the caller read a better one from the body.</param>
    public static DownloadFault Of(HttpResponseMessage response, string? forbidden = null) => response.StatusCode switch
    {
        HttpStatusCode.NotFound or HttpStatusCode.Gone =>
            new DownloadFault(DownloadFaultKind.NotFound, $"{(int)response.StatusCode} {response.ReasonPhrase}.") { StatusCode = response.StatusCode },
        HttpStatusCode.Forbidden => new DownloadFault(DownloadFaultKind.Blocked, forbidden ?? "403 Forbidden.") { StatusCode = response.StatusCode },
        _ => new DownloadFault(DownloadFaultKind.Status, $"{(int)response.StatusCode} {response.ReasonPhrase}")
        {
            StatusCode = response.StatusCode,
            RetryAfter = RetryAfterOf(response),
        },
    };

    /// <summary>How long the server asked to wait: Retry-After as seconds or as a date.</summary>
    private static TimeSpan? RetryAfterOf(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };
}
