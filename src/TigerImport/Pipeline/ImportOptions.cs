using TigerImport.Geometry;

namespace TigerImport.Pipeline;

/// <summary>
/// How a run writes: the target schema and SRID, whether a file the source lacks fails its layer, and how many rejected
/// features a file may have (null: <see cref="RejectBudget.Default"/>).
/// </summary>
public sealed record ImportOptions(string Schema = "tiger", int Srid = SpatialReferences.Wgs84, bool SkipMissing = false, RejectBudget? MaxRejects = null)
{
    public RejectBudget Rejects => MaxRejects ?? RejectBudget.Default;
}
