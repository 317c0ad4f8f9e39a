namespace TigerImport.Regions;

/// <summary>What a sync did to one type of region row.</summary>
/// <param name="Stale">Rows of the synced states the vintage no longer has: kept or deleted per <see cref="StalePolicy"/>.</param>
public sealed record RegionTypeCounts(string Type, long Inserted, long Updated, long Unchanged, long Stale);
