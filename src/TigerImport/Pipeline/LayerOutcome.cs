namespace TigerImport.Pipeline;

public enum LayerOutcome
{
    /// <summary>Every file loaded and the layer's partitions were swapped in.</summary>
    Published,

    /// <summary>The plan had no file to load (every state skipped or absent).</summary>
    NothingToLoad,

    /// <summary>A file was missing or failed: nothing of the layer was published.</summary>
    Failed,
}
