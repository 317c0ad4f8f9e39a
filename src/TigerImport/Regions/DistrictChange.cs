namespace TigerImport.Regions;

/// <summary>
/// One region row of a sync's redistricting report (also a row of the worker's <c>tiger_region_changes</c> table).
/// </summary>
/// <param name="State">The state's FIPS code.</param>
/// <param name="Change"><see cref="Added"/>, <see cref="Changed"/>, <see cref="Unchanged"/>, or a stale row's fate: <see cref="Retired"/>, <see cref="Deleted"/>, <see cref="Kept"/>.</param>
/// <param name="AreaLostShare">For a changed shape: the share (0–1) of the old shape's area that is no longer in the new one; planar, in EPSG:4326.</param>
/// <param name="MovedIn">Stakeholders that pointed at another region of the type and now point here.</param>
/// <param name="MovedOut">Stakeholders that pointed here and now point at another region of the type.</param>
/// <param name="NewlyAssigned">Stakeholders that had no region of the type and now point here.</param>
/// <param name="LeftWithout">Stakeholders that pointed here and now have no region of the type (no shape covers their point).</param>
public sealed record DistrictChange(
    string State, string Type, long RegionId, string Geoid, string Name, string Change, double? AreaLostShare, long MovedIn, long MovedOut, long NewlyAssigned, long LeftWithout)
{
    public const string Added = "added";
    public const string Changed = "changed";
    public const string Unchanged = "unchanged";
    public const string Retired = "retired";
    public const string Deleted = "deleted";
    public const string Kept = "kept";

    /// <summary>Whether this is a row the vintage no longer has (retired, deleted or kept).</summary>
    public bool IsStale => Change is Retired or Deleted or Kept;
}
