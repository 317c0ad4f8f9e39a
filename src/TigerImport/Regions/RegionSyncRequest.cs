using TigerImport.Catalog;
using TigerImport.Database;

namespace TigerImport.Regions;

/// <summary>What a sync brings into the app's region table: one vintage of the published layers in <paramref name="Schema"/>.</summary>
/// <param name="States">Null means every state, DC and Puerto Rico in the vintage's published STATE layer.</param>
/// <param name="Schema">The worker's schema: STATE and COUNTY are read from here, and the redistricting report is written here.</param>
public sealed record RegionSyncRequest(int Year, IReadOnlyList<UsState>? States, string Schema, RegionTable Table, StalePolicy Stale)
{
    /// <summary>The app's stakeholder table whose five region keys follow the districts; null skips that step (<c>--stakeholder-table none</c>).</summary>
    public RegionTable? Stakeholders { get; init; } = new(null, StakeholderTable.Default);

    /// <summary>
    /// The vintage the CD, SLDU and SLDL rows come from (<c>--district-year</c>); null means <see cref="Year"/>. New plans arrive
    /// between vintages, so districts can be newer than the states and counties.
    /// </summary>
    public int? DistrictYear { get; init; }

    /// <summary>The schema the district layers are published in (<c>--district-schema</c>, e.g. a special release imported on its own); null means <see cref="Schema"/>.</summary>
    public string? DistrictSchema { get; init; }

    /// <summary>Identifies this sync's rows in the report table (the CLI passes its run id); null: a new id for each sync.</summary>
    public Guid? SyncId { get; init; }

    /// <summary>The app's tables the sync writes and the table-level rights it needs on them (an import --sync-regions checks them before it loads anything).</summary>
    public IReadOnlyList<AppTableRights> AppTables =>
    [
        new(Table.Qualified, Table.Name, ["SELECT", "INSERT", "UPDATE", "DELETE"], RegionSync.RegionTableMissing(Table)),
        .. Stakeholders is { } stakeholders ? [new AppTableRights(stakeholders.Qualified, stakeholders.Name, ["SELECT", "UPDATE"], null)] : Array.Empty<AppTableRights>(),
    ];

    /// <summary>The vintage a type's layer is read from.</summary>
    public int YearOf(RegionType type) => type.IsDistrict ? DistrictYear ?? Year : Year;

    /// <summary>The schema a type's layer is read from.</summary>
    public string SchemaOf(RegionType type) => type.IsDistrict ? DistrictSchema ?? Schema : Schema;

    /// <summary>How long to wait for a run importing one of the sync's layers to publish (<c>--lock-wait</c>), then exit 5.</summary>
    public TimeSpan LockWait { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Which stakeholders are tested (<c>--reassign</c>): those a change of this sync can move (the default), or all.</summary>
    public ReassignScope Reassign { get; init; } = ReassignScope.Changed;

    /// <summary>Reads <c>--reassign</c>: changed (the default) or all.</summary>
    public static ReassignScope ParseReassign(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "changed" => ReassignScope.Changed,
        "all" => ReassignScope.All,
        _ => throw new TigerImportException(FailureKind.Usage, $"--reassign (TIGER_REASSIGN) must be changed or all; got '{text}'."),
    };

    /// <summary>Reads <c>--stale</c>: retire (the default), keep or delete.</summary>
    public static StalePolicy ParseStale(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "retire" => StalePolicy.Retire,
        "keep" => StalePolicy.Keep,
        "delete" => StalePolicy.Delete,
        _ => throw new TigerImportException(FailureKind.Usage, $"--stale (TIGER_REGION_STALE) must be retire, keep or delete; got '{text}'."),
    };
}
