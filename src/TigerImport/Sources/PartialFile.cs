namespace TigerImport.Sources;

/// <summary>
/// A download in progress: <c>name.XXXXXXXX.zip.partial</c> in the temp folder until it is verified, then renamed to
/// <c>name.XXXXXXXX.zip</c>, so a crash never leaves a file that looks complete. Disposing an unfinished one deletes it.
/// Every byte written or removed is reported to the statistics, which keep the peak temp-disk use.
/// </summary>
internal sealed class PartialFile : IDisposable
{
    /// <summary>Stream.CopyTo's buffer: large enough for full throughput, below the 85,000-byte large-object heap threshold.</summary>
    private const int CopyBufferSize = 81920;

    private readonly string finalPath;
    private readonly SourceStatistics statistics;
    private bool completed;

    public PartialFile(string partialPath, string finalPath, SourceStatistics statistics)
    {
        Path = partialPath;
        this.finalPath = finalPath;
        this.statistics = statistics;
        File.Create(partialPath).Dispose();
    }

    public string Path { get; }

    /// <summary>Bytes on disk now.</summary>
    public long Length { get; private set; }

    /// <summary>Bytes received over the whole download, including any thrown away by <see cref="Reset"/>.</summary>
    public long BytesReceived { get; private set; }

    /// <summary>
    /// Appends a response body. <paramref name="idle"/> is re-armed for <paramref name="idleTimeout"/> each time another
    /// <paramref name="progressBytes"/> have arrived, so it fires when the server sends nothing, or only a trickle, for
    /// that long; the caller turns that into a "stalled" fault.
    /// </summary>
    public async Task AppendAsync(Stream body, CancellationTokenSource idle, TimeSpan idleTimeout, int progressBytes, CancellationToken cancellationToken)
    {
        var buffer = new byte[CopyBufferSize];
        await using var file = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 1, useAsync: true);
        idle.CancelAfter(idleTimeout);
        long sinceArmed = 0;
        while (true)
        {
            if (sinceArmed >= progressBytes)
            {
                idle.CancelAfter(idleTimeout);
                sinceArmed = 0;
            }

            var read = await body.ReadAsync(buffer, idle.Token);
            if (read == 0)
            {
                return;
            }

            await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            Length += read;
            BytesReceived += read;
            sinceArmed += read;
            statistics.TempChanged(read);
        }
    }

    /// <summary>Throws the bytes away: the next attempt starts from the first byte.</summary>
    public void Reset()
    {
        if (Length == 0)
        {
            return;
        }

        File.Create(Path).Dispose();
        statistics.TempChanged(-Length);
        Length = 0;
    }

    /// <summary>Renames the verified download to its final name and hands it over; it is deleted when the loader is done.</summary>
    public FetchedFile Complete()
    {
        File.Move(Path, finalPath);
        completed = true;
        return new FetchedFile(finalPath, isTemporary: true, statistics);
    }

    public void Dispose()
    {
        if (completed)
        {
            return;
        }

        completed = true;
        File.Delete(Path);
        statistics.TempChanged(-Length);
    }
}
