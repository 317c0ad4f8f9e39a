namespace TigerImport.Import;

/// <summary>What happened to one layer, with its files' accounting and, on failure, whose failure it was.</summary>
public sealed record LayerResult(
    string Layer,
    int Year,
    string Table,
    LayerOutcome Outcome,
    IReadOnlyList<FileResult> Files,
    long ElapsedMs,
    FailureKind? Failure = null,
    string? Error = null)
{
    /// <summary>Partitions left as published because none of their files changed.</summary>
    public int Unchanged { get; init; }

    /// <summary>Columns that differ between the files of a partition, or between the files and the published table.</summary>
    public IReadOnlyList<string> Drift { get; init; } = [];

    /// <summary>The district plan of each partition this run published (CD, SLDU, SLDL), by partition (state FIPS or "us").</summary>
    public IReadOnlyList<PartitionPlan> Plans { get; init; } = [];

    public long Read => Files.Sum(f => f.Read);

    public long Loaded => Files.Sum(f => f.Loaded);

    public long Repaired => Files.Sum(f => f.Repaired);

    public long Rejected => Files.Sum(f => f.Rejected);

    /// <summary>Features the plausibility gates let through as exceptions (<see cref="FileResult.Exceptions"/>).</summary>
    public long Exceptions => Files.Sum(f => f.Exceptions);
}
