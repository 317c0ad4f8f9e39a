namespace TigerImport.Import;

/// <summary>The accounting of one file: every record read is loaded or rejected (<c>Read = Loaded + Rejected</c>).</summary>
public sealed record FileResult(
    string File,
    long Read,
    long Loaded,
    long Repaired,
    long Rejected,
    long Undecodable,
    string Encoding,
    long ElapsedMs);
