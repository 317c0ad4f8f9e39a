namespace TigerImport.Sources;

/// <summary>
/// Counters a source updates as it works (downloads run concurrently, so every update is atomic);
/// <see cref="Snapshot"/> gives the immutable totals the summary prints.
/// </summary>
public sealed class SourceStatistics
{
    private long bytesDownloaded;
    private int filesDownloaded;
    private long bytesFromCache;
    private int filesFromCache;
    private int filesCached;
    private int cacheRepairs;
    private long tempBytes;
    private long peakTempBytes;

    /// <summary>Bytes in the temp folder right now (partial and verified downloads not yet deleted).</summary>
    public long TempBytes => Interlocked.Read(ref tempBytes);

    public SourceTotals Snapshot() => new(
        Interlocked.Read(ref bytesDownloaded),
        Volatile.Read(ref filesDownloaded),
        Interlocked.Read(ref bytesFromCache),
        Volatile.Read(ref filesFromCache),
        Volatile.Read(ref filesCached),
        Volatile.Read(ref cacheRepairs),
        Interlocked.Read(ref peakTempBytes));

    internal void Downloaded(long bytes) => Interlocked.Add(ref bytesDownloaded, bytes);

    internal void FileDownloaded() => Interlocked.Increment(ref filesDownloaded);

    internal void ReadFromCache(long bytes) => Interlocked.Add(ref bytesFromCache, bytes);

    internal void FileFromCache() => Interlocked.Increment(ref filesFromCache);

    internal void FileCached() => Interlocked.Increment(ref filesCached);

    internal void CacheRepaired() => Interlocked.Increment(ref cacheRepairs);

    /// <summary>Temp disk use changed by <paramref name="delta"/> bytes (negative when a file shrinks or is deleted).</summary>
    internal void TempChanged(long delta)
    {
        var now = Interlocked.Add(ref tempBytes, delta);
        var peak = Interlocked.Read(ref peakTempBytes);
        while (now > peak)
        {
            var seen = Interlocked.CompareExchange(ref peakTempBytes, now, peak);
            if (seen == peak)
            {
                break;
            }

            peak = seen;
        }
    }
}
