namespace TigerImport.Operations.Status;

/// <summary>One published partition: its rows and rejects, the run and source that published it, and whether a backup exists.</summary>
public sealed record PartitionStatus(
    string Part, long Rows, long Rejected, int Files, Guid RunId, DateTimeOffset PublishedAt, string? Source, bool HasBackup)
{
    /// <summary>The district plan the partition holds (CD, SLDU, SLDL published by this version of the worker), else null.</summary>
    public TigerImport.Catalog.DistrictPlan? Plan { get; init; }
}
