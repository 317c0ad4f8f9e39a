using TigerImport.Sources;

namespace TigerImport.Publish;

/// <summary>
/// Where one published file came from and what it gave: the source's location and validators when it was probed, the
/// SHA-256 of the bytes loaded, and its accounting. Kept per partition in <c>tiger_partitions.lineage</c>, so the
/// partition's row says which files fed it, from where, in which run, and when it was published.
/// </summary>
public sealed record FileLineage(string File, FileVersion Source, string Sha256, long Read, long Loaded, long Repaired, long Rejected)
{
    /// <summary>The version as published, to compare a new probe with: the source's validators and the bytes' SHA-256.</summary>
    public FileVersion Published => Source with { Sha256 = Sha256 };
}
