namespace TigerImport.Import;

public enum LayerOutcome
{
    /// <summary>Every file loaded and the layer's partitions were swapped in.</summary>
    Published,

    /// <summary>The plan had no file to load (every state skipped or absent).</summary>
    NothingToLoad,

    /// <summary>Every partition's files are the ones published: nothing was downloaded, loaded or published.</summary>
    UpToDate,

    /// <summary>A file was missing or failed: nothing of the layer was published.</summary>
    Failed,
}
