using TigerImport.Catalog;

namespace TigerImport.Sources.Folder;

/// <summary>A folder of Census-named zips: flat, or laid out like Census's <c>TIGER{YYYY}/{DIR}/</c> tree.</summary>
public sealed class LocalFolderSource : ITigerSource
{
    private readonly string root;

    public LocalFolderSource(string root)
    {
        this.root = System.IO.Path.GetFullPath(root);
        if (File.Exists(this.root))
        {
            throw new TigerImportException(
                FailureKind.Usage,
                $"--source '{root}' is a file, not a folder: give the folder that holds the zips (e.g. --source {System.IO.Path.GetDirectoryName(this.root)}), and --layers and --states to choose among them.");
        }

        if (!Directory.Exists(this.root))
        {
            throw new TigerImportException(FailureKind.Usage, $"Source folder '{root}' does not exist.");
        }
    }

    public string DisplayName => root;

    /// <summary>Always zero: files are read in place, nothing is downloaded or copied.</summary>
    public SourceStatistics Statistics { get; } = new();

    public Task<IReadOnlyCollection<string>?> ListAsync(TigerLayerVintage vintage, CancellationToken cancellationToken)
    {
        IReadOnlyCollection<string> names = FoldersFor(vintage)
            .Where(Directory.Exists)
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*.zip"))
            .Select(path => System.IO.Path.GetFileName(path))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        return Task.FromResult<IReadOnlyCollection<string>?>(names);
    }

    public Task<FetchedFile> FetchAsync(TigerFile file, CancellationToken cancellationToken) =>
        Task.FromResult(new FetchedFile(PathOf(file), isTemporary: false));

    /// <summary>
    /// Size and mtime; a file whose differ is hashed by the caller (it is on local disk, so that is cheap). A symbolic
    /// link is described by the file it points to: the link's own size and mtime stay the same when its target changes.
    /// </summary>
    public Task<FileVersion> ProbeAsync(TigerFile file, CancellationToken cancellationToken)
    {
        var info = new FileInfo(PathOf(file));
        var content = info.LinkTarget is null ? info : info.ResolveLinkTarget(returnFinalTarget: true) as FileInfo ?? info;
        return Task.FromResult(new FileVersion(info.FullName, content.Length, null, new DateTimeOffset(content.LastWriteTimeUtc), LocalPath: info.FullName));
    }

    private string PathOf(TigerFile file) => FoldersFor(file.Vintage)
        .Select(folder => System.IO.Path.Combine(folder, file.FileName))
        .FirstOrDefault(File.Exists)
        ?? throw new TigerImportException(FailureKind.Source, $"{file.FileName} is not in {root} (looked in {file.Vintage.CensusDirectory}/ and the folder itself).");

    /// <summary>The Census-tree folder first, then the flat folder.</summary>
    private IEnumerable<string> FoldersFor(TigerLayerVintage vintage) =>
        [System.IO.Path.Combine(root, vintage.CensusDirectory), root];
}
