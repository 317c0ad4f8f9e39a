namespace TigerImport.Pipeline;

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
    public long Read => Files.Sum(f => f.Read);

    public long Loaded => Files.Sum(f => f.Loaded);

    public long Repaired => Files.Sum(f => f.Repaired);

    public long Rejected => Files.Sum(f => f.Rejected);
}
