namespace TigerImport.Import;

/// <summary>
/// The accounting of one file: every record read is loaded or rejected (<c>Read = Loaded + Rejected</c>); of those
/// loaded, <c>Exceptions</c> were let through by a plausibility gate's budget (a feature two gates fault counts twice).
/// </summary>
public sealed record FileResult(
    string File,
    long Read,
    long Loaded,
    long Repaired,
    long Rejected,
    long Undecodable,
    string Encoding,
    long ElapsedMs,
    long Exceptions = 0);
