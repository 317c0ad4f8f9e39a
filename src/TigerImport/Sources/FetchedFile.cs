namespace TigerImport.Sources;

/// <summary>A zip on local disk, ready for the archive stage; a temporary download is deleted on dispose.</summary>
/// <param name="statistics">Told when a temporary file is deleted, so peak temp-disk use stays accurate.</param>
public sealed class FetchedFile(string path, bool isTemporary, SourceStatistics? statistics = null) : IDisposable
{
    private bool disposed;

    public string Path { get; } = path;

    /// <summary>True for a download in the temp folder; false for a file the user owns.</summary>
    public bool IsTemporary { get; } = isTemporary;

    public long Length => new FileInfo(Path).Length;

    public void Dispose()
    {
        if (disposed || !IsTemporary)
        {
            return;
        }

        disposed = true;
        var file = new FileInfo(Path);
        if (file.Exists)
        {
            var length = file.Length;
            file.Delete();
            statistics?.TempChanged(-length);
        }
    }
}
