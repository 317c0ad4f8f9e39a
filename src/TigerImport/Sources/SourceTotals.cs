namespace TigerImport.Sources;

/// <summary>What a source did in a run, for the summary: bytes fetched from where, and the most temp disk held at once.</summary>
/// <param name="BytesDownloaded">Bytes received from the origin (Census, a mirror, or an S3 source), retried bytes included.</param>
/// <param name="FilesDownloaded">Files fetched from the origin and verified.</param>
/// <param name="BytesFromCache">Bytes received from the S3 read-through cache.</param>
/// <param name="FilesFromCache">Files served from the cache (verified).</param>
/// <param name="FilesCached">Files uploaded to the cache after a download.</param>
/// <param name="CacheRepairs">Cached objects found corrupt and replaced from the origin.</param>
/// <param name="PeakTempBytes">The most bytes this source held in the temp folder at once.</param>
public sealed record SourceTotals(
    long BytesDownloaded,
    int FilesDownloaded,
    long BytesFromCache,
    int FilesFromCache,
    int FilesCached,
    int CacheRepairs,
    long PeakTempBytes);
