namespace TigerImport.Operations.Status;

/// <summary>What is published of one layer vintage, per partition.</summary>
public sealed record LayerStatus(string Layer, int Year, string Table, IReadOnlyList<PartitionStatus> Partitions)
{
    public long Rows => Partitions.Sum(p => p.Rows);

    public long Rejected => Partitions.Sum(p => p.Rejected);

    public DateTimeOffset LastPublishedAt => Partitions.Max(p => p.PublishedAt);

    public int Backups => Partitions.Count(p => p.HasBackup);

    /// <summary>The sources the partitions came from (one, unless states were loaded from different places).</summary>
    /// <summary>The district plans the partitions hold, each with its partitions: "119th Congress, TIGER2024 (06,35)".</summary>
    public IReadOnlyList<string> Plans => Partitions.Where(p => p.Plan is not null).GroupBy(p => p.Plan!.ToString(), p => p.Part)
        .Select(g => $"{g.Key} ({string.Join(",", g.Order(StringComparer.Ordinal))})").Order(StringComparer.Ordinal).ToList();

    public IReadOnlyList<string> Sources => Partitions.Select(p => p.Source ?? "unknown").Distinct().Order(StringComparer.Ordinal).ToList();
}
