using TigerImport.Import;

namespace TigerImport.Operations.Plan;

/// <summary>What an import with the same options would do to one layer: per partition, whether it loads and why.</summary>
/// <param name="Missing">Files expected but not in the source (the import fails the layer unless --skip-missing).</param>
/// <param name="Notices">Absences Census explains (Nebraska has no SLDL).</param>
public sealed record LayerPreview(
    string Layer, int Year, string Table, IReadOnlyList<PartitionDecision> Partitions, IReadOnlyList<string> Missing, IReadOnlyList<string> Notices)
{
    /// <summary>Why an import with the same options would fail this layer for what the source lacks (a source error: exit 3); null when it would not.</summary>
    public string? SourceFailure { get; init; }

    /// <summary>Whether an import would load (and then publish) any partition of this layer.</summary>
    public bool Loads => SourceFailure is null && Partitions.Any(p => p.Loads);
}
