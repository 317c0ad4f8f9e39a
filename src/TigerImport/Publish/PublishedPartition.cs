namespace TigerImport.Publish;

/// <summary>What the partition bookkeeping table records about a loaded partition.</summary>
public sealed record PublishedPartition(string Part, IReadOnlyList<string> Files, long Features, long Repaired, long Rejected);
