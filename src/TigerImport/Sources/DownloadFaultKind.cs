namespace TigerImport.Sources;

/// <summary>Why one attempt at a download or listing failed; <see cref="TransientFaults"/> says which are worth another attempt.</summary>
internal enum DownloadFaultKind
{
    /// <summary>An HTTP status that is not one of the kinds below (transient when 408, 429 or 5xx).</summary>
    Status,

    /// <summary>404 or 410: the file is not there.</summary>
    NotFound,

    /// <summary>403: Census refuses this address.</summary>
    Blocked,

    /// <summary>A 2xx response whose body is an HTML page, not a zip.</summary>
    HtmlPage,

    /// <summary>The body ended before Content-Length, or a range response did not fit what was asked.</summary>
    Incomplete,

    /// <summary>No response, or no body bytes, for the idle timeout.</summary>
    Stalled,

    /// <summary>All bytes arrived, but they are not a sound zip.</summary>
    Corrupt,

    /// <summary>A redirect this worker does not follow: to another scheme (file://, ftp://, or http ↔ https).</summary>
    Redirect,

    /// <summary>A listing larger than <see cref="DownloadPolicy.MaxListingBytes"/>: not a directory index.</summary>
    TooLarge,

    /// <summary>Content-Length promised more than the server sent, and what it sent is a complete zip: the header lies.</summary>
    LyingLength,
}
