using TigerImport.Catalog;
using TigerImport.Publish;
using TigerImport.Sources;

namespace TigerImport.Import;

/// <summary>What a run does with one partition of a layer, and why.</summary>
/// <param name="Versions">Each planned file's version as the source gave it now: the lineage of what is loaded.</param>
/// <param name="Kept">The published lineage of files this run does not reload (other counties under <c>--counties</c>).</param>
/// <param name="PublishedFeatures">The published partition's row count, or null when there is none.</param>
public sealed record PartitionDecision(
    string Part,
    PartitionChange Change,
    string Reason,
    IReadOnlyList<TigerFile> Files,
    IReadOnlyDictionary<string, FileVersion> Versions,
    IReadOnlyList<FileLineage> Kept,
    long? PublishedFeatures)
{
    public bool Loads => Change != PartitionChange.Unchanged;
}
