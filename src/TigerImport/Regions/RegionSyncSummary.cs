namespace TigerImport.Regions;

/// <summary>The outcome of one committed sync.</summary>
/// <param name="Synced">FIPS codes of the states brought up to date.</param>
/// <param name="Refused">Why each refused state was left untouched (a layer the app needs is not published for it).</param>
/// <param name="Collisions">Rows whose app name was taken, and the name they got instead.</param>
/// <param name="StaleRows">Names of the stale rows, kept or deleted.</param>
public sealed record RegionSyncSummary(
    IReadOnlyList<RegionTypeCounts> Types,
    StalePolicy Stale,
    IReadOnlyList<string> Synced,
    IReadOnlyList<string> Refused,
    IReadOnlyList<string> Collisions,
    IReadOnlyList<string> StaleRows,
    long ElapsedMs);
