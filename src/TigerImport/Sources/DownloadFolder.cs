using System.Text.RegularExpressions;

namespace TigerImport.Sources;

/// <summary>
/// The temp folder downloads are written to (<c>--temp-dir</c>). Names carry a random tag so parallel downloads and
/// parallel workers never collide. Leftovers of a crashed run older than a day are deleted on start; a live download
/// writes its file continuously, so it is never that old.
/// </summary>
internal sealed partial class DownloadFolder
{
    private static readonly TimeSpan LeftoverAge = TimeSpan.FromDays(1);

    public DownloadFolder(string path, SourceStatistics statistics)
    {
        Path = System.IO.Path.GetFullPath(path);
        Statistics = statistics;
        try
        {
            Directory.CreateDirectory(Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TigerImportException(FailureKind.Usage, $"--temp-dir {path} cannot be created: {e.Message}", e);
        }

        DeleteLeftovers();
    }

    public string Path { get; }

    public SourceStatistics Statistics { get; }

    /// <summary>A new, empty partial download for a Census file name.</summary>
    public PartialFile Create(string fileName)
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var stem = System.IO.Path.GetFileNameWithoutExtension(fileName);
        var final = System.IO.Path.Combine(Path, $"{stem}.{tag}.zip");
        return new PartialFile(final + ".partial", final, Statistics);
    }

    private void DeleteLeftovers()
    {
        var cutoff = DateTime.UtcNow - LeftoverAge;
        foreach (var file in new DirectoryInfo(Path).EnumerateFiles())
        {
            if (OurName().IsMatch(file.Name) && file.LastWriteTimeUtc < cutoff)
            {
                try
                {
                    file.Delete();
                }
                catch (IOException)
                {
                    // In use by another worker after all: leave it.
                }
            }
        }
    }

    /// <summary>Only names this class makes, so a folder shared with other files loses nothing else.</summary>
    [GeneratedRegex(@"^tl_.+\.[0-9a-f]{8}\.zip(\.partial)?$")]
    private static partial Regex OurName();
}
