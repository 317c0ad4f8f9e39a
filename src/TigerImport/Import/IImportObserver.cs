namespace TigerImport.Import;

/// <summary>
/// Hooks a host uses for a live progress line and per-layer metrics. The pipeline calls them inline on its own
/// thread (<see cref="FeatureRead"/> once per record), so an implementation only counts or hands off; it never blocks.
/// Every hook does nothing unless implemented: an observer implements only what it watches.
/// </summary>
public interface IImportObserver
{
    void LayerStarted(string layer, int year, int files)
    {
    }

    /// <summary>A file is open; <paramref name="records"/> is its .dbf record count, for an ETA.</summary>
    void FileStarted(string file, long records)
    {
    }

    void FeatureRead()
    {
    }

    void FileFinished(FileResult result)
    {
    }

    /// <summary>The layer is published or failed; <paramref name="bytesDownloaded"/> is what the source fetched for it.</summary>
    void LayerFinished(LayerResult result, long bytesDownloaded)
    {
    }

    /// <summary>The run ended (<paramref name="status"/>: succeeded, failed or cancelled) with what it did so far.</summary>
    void RunFinished(ImportSummary summary, string status)
    {
    }
}
