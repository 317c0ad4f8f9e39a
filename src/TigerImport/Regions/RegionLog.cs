using Microsoft.Extensions.Logging;

namespace TigerImport.Regions;

/// <summary>The region sync's events (ids 900–909), with the importer's fixed property names.</summary>
internal static partial class RegionLog
{
    [LoggerMessage(900, LogLevel.Information, "Summary {RegionType:l} {Year} into {Table:l}: {Inserted} inserted, {Updated} updated, {Unchanged} unchanged, {Stale} stale ({StalePolicy:l})")]
    public static partial void TypeSynced(ILogger logger, string regionType, int year, string table, long inserted, long updated, long unchanged, long stale, string stalePolicy);

    [LoggerMessage(901, LogLevel.Warning, "Region name collision: {Collision:l}")]
    public static partial void NameCollision(ILogger logger, string collision);

    [LoggerMessage(902, LogLevel.Warning, "Stale region {Region:l}: not in the vintage; {StalePolicy:l}")]
    public static partial void StaleRegion(ILogger logger, string region, string stalePolicy);

    [LoggerMessage(903, LogLevel.Error, "{Reason:l}")]
    public static partial void StateRefused(ILogger logger, string reason);

    [LoggerMessage(904, LogLevel.Information, "Finished: sync-regions {Table:l} {Year}: {States} state(s) synced, {Refused} refused, in {ElapsedMs} ms")]
    public static partial void Synced(ILogger logger, string table, int year, int states, int refused, long elapsedMs);
}
