namespace TigerImport.Geometry;

/// <summary>What the geometry stage did with a feature.</summary>
public enum GeometryFate
{
    /// <summary>Valid as read; only promoted to its Multi* type.</summary>
    Kept,

    /// <summary>Invalid as read, made valid by GeometryFixer.</summary>
    Repaired,

    /// <summary>Empty, of the wrong type, or unrepairable: goes to the rejects table, never into the layer.</summary>
    Rejected,
}
