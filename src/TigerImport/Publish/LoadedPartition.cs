namespace TigerImport.Publish;

/// <summary>What the partition bookkeeping table records about a loaded partition.</summary>
/// <param name="Lineage">Every file the partition now holds rows of: the ones loaded, and those whose rows were carried over.</param>
public sealed record LoadedPartition(string Part, IReadOnlyList<FileLineage> Lineage, long Features, long Repaired, long Rejected)
{
    public IReadOnlyList<string> Files => Lineage.Select(f => f.File).ToList();

    /// <summary>The district plan the partition holds (CD, SLDU, SLDL), recorded in <c>tiger_partitions.plan</c>; null for other layers.</summary>
    public TigerImport.Catalog.DistrictPlan? Plan { get; init; }
}
