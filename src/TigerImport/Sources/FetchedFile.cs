namespace TigerImport.Sources;

/// <summary>A zip on local disk, ready for the archive stage; a temporary download is deleted on dispose.</summary>
public sealed class FetchedFile(string path, bool isTemporary) : IDisposable
{
    public string Path { get; } = path;

    /// <summary>True for a download in the temp folder; false for a file the user owns.</summary>
    public bool IsTemporary { get; } = isTemporary;

    public long Length => new FileInfo(Path).Length;

    public void Dispose()
    {
        if (IsTemporary)
        {
            File.Delete(Path);
        }
    }
}
