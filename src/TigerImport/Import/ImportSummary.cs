using System.Text.Json.Serialization;
using TigerImport.Regions;
using TigerImport.Sources;

namespace TigerImport.Import;

/// <summary>A run's result: one entry per layer, in import order.</summary>
public sealed record ImportSummary(Guid RunId, IReadOnlyList<LayerResult> Layers, long ElapsedMs)
{
    /// <summary>What the source fetched: bytes downloaded, bytes served from the cache, peak temp-disk use.</summary>
    public SourceTotals? Source { get; init; }

    /// <summary>
    /// <c>import --sync-regions</c>: the sync's summary and redistricting report, the document <c>sync-regions --report</c>
    /// writes; absent when no sync ran.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public RegionSyncSummary? RegionSync { get; init; }

    /// <summary>The failure an operator should act on first: usage, then database, source, data.</summary>
    public FailureKind? WorstFailure => Layers
        .Where(l => l.Failure is not null)
        .Select(l => l.Failure!.Value)
        .OrderBy(k => k switch { FailureKind.Usage => 0, FailureKind.Database => 1, FailureKind.Source => 2, _ => 3 })
        .Cast<FailureKind?>()
        .FirstOrDefault();
}
