using TigerImport.Catalog;

namespace TigerImport.Regions;

/// <summary>What a sync brings into the app's region table: one vintage of the published layers in <paramref name="Schema"/>.</summary>
/// <param name="States">Null means every state, DC and Puerto Rico in the vintage's published STATE layer.</param>
public sealed record RegionSyncRequest(int Year, IReadOnlyList<UsState>? States, string Schema, RegionTable Table, StalePolicy Stale)
{
    /// <summary>How long to wait for a run importing one of the sync's layers to publish (<c>--lock-wait</c>), then exit 5.</summary>
    public TimeSpan LockWait { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Reads <c>--stale</c>: keep (the default) or delete.</summary>
    public static StalePolicy ParseStale(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "keep" => StalePolicy.Keep,
        "delete" => StalePolicy.Delete,
        _ => throw new TigerImportException(FailureKind.Usage, $"--stale (TIGER_REGION_STALE) must be keep or delete; got '{text}'."),
    };
}
