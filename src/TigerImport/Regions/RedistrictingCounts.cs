namespace TigerImport.Regions;

/// <summary>The redistricting report of one synced state and region type.</summary>
/// <param name="Retired">Rows the vintage no longer has: retired, deleted or kept, per the stale policy.</param>
/// <param name="Moved">Stakeholders moved into one of this state's regions of the type from another region.</param>
public sealed record RedistrictingCounts(
    string State, string Type, long Added, long Changed, long Unchanged, long Retired, long Moved, long NewlyAssigned, long LeftWithout)
{
    /// <summary>Whether the sync changed nothing here (no region added, changed or stale; no stakeholder moved).</summary>
    public bool IsUnchanged => Added + Changed + Retired + Moved + NewlyAssigned + LeftWithout == 0;

    public static IReadOnlyList<RedistrictingCounts> Of(IEnumerable<DistrictChange> districts) => districts
        .GroupBy(d => (d.State, d.Type))
        .OrderBy(g => g.Key.State, StringComparer.Ordinal)
        .ThenBy(g => RegionType.All.ToList().FindIndex(t => t.Type == g.Key.Type))
        .Select(g => new RedistrictingCounts(
            g.Key.State,
            g.Key.Type,
            g.Count(d => d.Change == DistrictChange.Added),
            g.Count(d => d.Change == DistrictChange.Changed),
            g.Count(d => d.Change == DistrictChange.Unchanged),
            g.Count(d => d.IsStale),
            g.Sum(d => d.MovedIn),
            g.Sum(d => d.NewlyAssigned),
            g.Sum(d => d.LeftWithout)))
        .ToList();
}
