namespace TigerImport.Operations.Status;

/// <summary>What is published of one layer vintage, per partition.</summary>
public sealed record LayerStatus(string Layer, int Year, string Table, IReadOnlyList<PartitionStatus> Partitions)
{
    public long Rows => Partitions.Sum(p => p.Rows);

    public long Rejected => Partitions.Sum(p => p.Rejected);

    public DateTimeOffset LastPublishedAt => Partitions.Max(p => p.PublishedAt);

    public int Backups => Partitions.Count(p => p.HasBackup);

    /// <summary>The sources the partitions came from (one, unless states were loaded from different places).</summary>
    public IReadOnlyList<string> Sources => Partitions.Select(p => p.Source ?? "unknown").Distinct().Order(StringComparer.Ordinal).ToList();
}
