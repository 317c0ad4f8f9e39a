namespace TigerImport.Regions;

/// <summary>Which stakeholders a sync tests against the districts (<c>--reassign</c>).</summary>
public enum ReassignScope
{
    /// <summary>
    /// The default: per type, only the stakeholders a change of this sync can move (their point inside an old or new
    /// shape of a region added, changed, retired or deleted, or keyed to such a region) and those with no region of
    /// the type yet. Exact as long as the keys were right before the sync, which every sync leaves them.
    /// </summary>
    Changed,

    /// <summary>
    /// Every located stakeholder in or near the synced states, every type: repairs keys the app set wrong (a stakeholder
    /// moved without new keys, or a tie the app broke its own way). Costs a full pass per type.
    /// </summary>
    All,
}
