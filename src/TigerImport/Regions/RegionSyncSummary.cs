namespace TigerImport.Regions;

/// <summary>The outcome of one committed sync.</summary>
/// <param name="Synced">FIPS codes of the states brought up to date.</param>
/// <param name="Refused">Why each refused state was left untouched (a layer the app needs is not published for it).</param>
/// <param name="Collisions">Rows whose app name was taken, and the name they got instead.</param>
/// <param name="StaleRows">Names of the stale rows, retired, kept or deleted.</param>
public sealed record RegionSyncSummary(
    IReadOnlyList<RegionTypeCounts> Types,
    StalePolicy Stale,
    IReadOnlyList<string> Synced,
    IReadOnlyList<string> Refused,
    IReadOnlyList<string> Collisions,
    IReadOnlyList<string> StaleRows,
    long ElapsedMs)
{
    /// <summary>This sync's rows in the worker's <c>tiger_region_changes</c> table.</summary>
    public Guid SyncId { get; init; }

    /// <summary>The vintage of the states and counties.</summary>
    public int Year { get; init; }

    /// <summary>The vintage of the districts (CD, SLDU, SLDL): <see cref="Year"/> unless <c>--district-year</c> named a newer one.</summary>
    public int DistrictYear { get; init; }

    /// <summary>The redistricting report per synced state and type.</summary>
    public IReadOnlyList<RedistrictingCounts> Redistricting { get; init; } = [];

    /// <summary>The report per region row of the synced states (the rows written to <c>tiger_region_changes</c>).</summary>
    public IReadOnlyList<DistrictChange> Districts { get; init; } = [];

    /// <summary>Stakeholders moved, from → to, per type.</summary>
    public IReadOnlyList<StakeholderMove> Moves { get; init; } = [];

    public StakeholderOutcome? Stakeholders { get; init; }

    /// <summary>Whether the sync changed nothing: no region added, changed in shape or stale, no stakeholder moved.</summary>
    public bool NoChange => Redistricting.All(r => r.IsUnchanged);
}
