using TigerImport.Geometry;

namespace TigerImport.Pipeline;

/// <summary>How a run writes: the target schema and SRID, and whether a file the source lacks fails its layer.</summary>
public sealed record ImportOptions(string Schema = "tiger", int Srid = SpatialReferences.Wgs84, bool SkipMissing = false);
