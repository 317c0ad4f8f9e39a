using TigerImport.Catalog;

namespace TigerImport.Sources;

/// <summary>Where Census zips come from: a local folder, Census's HTTPS tree, an S3 mirror, or a cache in front of one.</summary>
public interface ITigerSource
{
    /// <summary>A description safe to log: no credentials, no query strings.</summary>
    string DisplayName { get; }

    /// <summary>Bytes downloaded and served from cache, and peak temp-disk use, for the run summary.</summary>
    SourceStatistics Statistics { get; }

    /// <summary>The file names held in a vintage's Census folder, or null when this source cannot list.</summary>
    Task<IReadOnlyCollection<string>?> ListAsync(TigerLayerVintage vintage, CancellationToken cancellationToken);

    /// <summary>Makes one file available as a local zip. Throws <see cref="TigerImportException"/> (kind Source) when it cannot.</summary>
    Task<FetchedFile> FetchAsync(TigerFile file, CancellationToken cancellationToken);

    /// <summary>
    /// Asks cheaply (a HEAD, a stat) for the file's location and validators, sending no body, so a run can tell whether
    /// it changed since it was published. Throws <see cref="TigerImportException"/> (kind Source) when it cannot.
    /// </summary>
    Task<FileVersion> ProbeAsync(TigerFile file, CancellationToken cancellationToken);
}
