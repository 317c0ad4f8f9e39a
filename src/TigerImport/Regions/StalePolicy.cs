namespace TigerImport.Regions;

/// <summary>What a sync does with region rows of the synced states and types that the vintage no longer has (redistricting).</summary>
public enum StalePolicy
{
    /// <summary>
    /// The default: the row keeps its id, name, label and abbrev (history and references survive) and its geom, coords
    /// and geojson become NULL, so no point query matches it; stakeholders are moved to the districts that cover them.
    /// </summary>
    Retire,

    /// <summary>Leave them as they are, and report them: their shapes still match points (two districts of one type can).</summary>
    Keep,

    /// <summary>Move the stakeholders off them, then delete them (same transaction); <c>parent_id … ON DELETE CASCADE</c> deletes their children too.</summary>
    Delete,
}
