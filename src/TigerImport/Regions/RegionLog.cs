using Microsoft.Extensions.Logging;

namespace TigerImport.Regions;

/// <summary>The region sync's events (ids 900–909, and 910–949 for the redistricting report and the stakeholder step), with the importer's fixed property names.</summary>
internal static partial class RegionLog
{
    [LoggerMessage(900, LogLevel.Information, "Summary {RegionType} {Year} into {Table}: {Inserted} inserted, {Updated} updated, {Unchanged} unchanged, {Stale} stale ({StalePolicy})")]
    public static partial void TypeSynced(ILogger logger, string regionType, int year, string table, long inserted, long updated, long unchanged, long stale, string stalePolicy);

    [LoggerMessage(901, LogLevel.Warning, "Region name collision: {Collision}")]
    public static partial void NameCollision(ILogger logger, string collision);

    [LoggerMessage(902, LogLevel.Warning, "Stale region {Region}: not in the vintage; {StalePolicy}")]
    public static partial void StaleRegion(ILogger logger, string region, string stalePolicy);

    [LoggerMessage(903, LogLevel.Error, "{Reason}")]
    public static partial void StateRefused(ILogger logger, string reason);

    [LoggerMessage(904, LogLevel.Information, "Finished: sync-regions {Table} {Year}: {States} state(s) synced, {Refused} refused, in {ElapsedMs} ms")]
    public static partial void Synced(ILogger logger, string table, int year, int states, int refused, long elapsedMs);

    [LoggerMessage(910, LogLevel.Information, "Redistricting {State} {RegionType} {DistrictYear}: {Added} added, {Changed} changed in shape, {Retired} stale, {Unchanged} unchanged; stakeholders {Moved} moved, {Assigned} newly assigned, {Unassigned} left without one")]
    public static partial void Redistricting(ILogger logger, string state, string regionType, int districtYear, long added, long changed, long retired, long unchanged, long moved, long assigned, long unassigned);

    [LoggerMessage(911, LogLevel.Information, "Changed in shape {Region} ({RegionType} {Geoid}): {AreaLostPercent}% of its old area is no longer in it")]
    public static partial void Reshaped(ILogger logger, string region, string regionType, string geoid, string areaLostPercent);

    [LoggerMessage(912, LogLevel.Information, "Stakeholders moved ({RegionType}): {From} -> {To}: {Stakeholders}")]
    public static partial void Moved(ILogger logger, string regionType, string from, string to, long stakeholders);

    [LoggerMessage(913, LogLevel.Warning, "Stakeholders not re-assigned: {Reason}")]
    public static partial void StakeholdersSkipped(ILogger logger, string reason);

    [LoggerMessage(914, LogLevel.Information, "Stakeholders {Table}: {Located} located in or near the synced states, {Rows} re-assigned, in {ElapsedMs} ms")]
    public static partial void StakeholdersReassigned(ILogger logger, string table, long located, long rows, long elapsedMs);

    [LoggerMessage(915, LogLevel.Information, "Redistricting: no change in {States} synced state(s); report {SyncId} in {Table}")]
    public static partial void NoChange(ILogger logger, int states, Guid syncId, string table);

    [LoggerMessage(916, LogLevel.Information, "Redistricting report {SyncId}: {Rows} row(s) in {Table}")]
    public static partial void ReportWritten(ILogger logger, Guid syncId, long rows, string table);

    [LoggerMessage(917, LogLevel.Information, "Stakeholders {Table}: locked against the app's writers (waited {WaitedMs} ms)")]
    public static partial void StakeholdersLocked(ILogger logger, string table, long waitedMs);

    [LoggerMessage(918, LogLevel.Information, "Stakeholders {Table} (--reassign {Reassign}): {Tested} tested, passes for {RegionTypes}")]
    public static partial void StakeholderPasses(ILogger logger, string table, string reassign, long tested, string regionTypes);
}
