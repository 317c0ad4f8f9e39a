using System.Net;

namespace TigerImport.Sources;

/// <summary>One failed attempt, described for the retry policy (which reads <see cref="Kind"/>) and for the final message.</summary>
internal sealed class DownloadFault(DownloadFaultKind kind, string message) : Exception(message)
{
    public DownloadFaultKind Kind { get; } = kind;

    public HttpStatusCode? StatusCode { get; init; }

    /// <summary>The server's Retry-After, when it sent one.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>For <see cref="DownloadFaultKind.Corrupt"/>: how many complete downloads of this file were corrupt so far.</summary>
    public int Occurrence { get; init; } = 1;
}
