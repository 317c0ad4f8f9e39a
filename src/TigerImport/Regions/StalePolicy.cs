namespace TigerImport.Regions;

/// <summary>What a sync does with region rows of the synced states and types that the vintage no longer has (redistricting).</summary>
public enum StalePolicy
{
    /// <summary>Leave them, and report them: the app's stakeholders may still point at them.</summary>
    Keep,

    /// <summary>Delete them; <c>parent_id … ON DELETE CASCADE</c> deletes their children too.</summary>
    Delete,
}
