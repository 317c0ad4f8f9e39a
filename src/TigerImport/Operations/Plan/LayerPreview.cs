using TigerImport.Import;

namespace TigerImport.Operations.Plan;

/// <summary>What an import with the same options would do to one layer: per partition, whether it loads and why.</summary>
/// <param name="Missing">Files expected but not in the source (the import fails the layer unless --skip-missing).</param>
/// <param name="Notices">Absences Census explains (Nebraska has no SLDL).</param>
public sealed record LayerPreview(
    string Layer, int Year, string Table, IReadOnlyList<PartitionDecision> Partitions, IReadOnlyList<string> Missing, IReadOnlyList<string> Notices);
