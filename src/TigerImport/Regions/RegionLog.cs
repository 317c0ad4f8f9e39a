using Microsoft.Extensions.Logging;

namespace TigerImport.Regions;

/// <summary>The region sync's events (ids 900–909), with the importer's fixed property names.</summary>
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
}
