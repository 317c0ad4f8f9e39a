using TigerImport.Geometry;

namespace TigerImport.Pipeline;

/// <summary>How a run writes: the target schema and SRID, and whether a file the source lacks fails its layer.</summary>
public sealed record ImportOptions(string Schema = "tiger", int Srid = SpatialReferences.Wgs84, bool SkipMissing = false)
{
    public static readonly TimeSpan DefaultLockWait = TimeSpan.FromMinutes(5);

    /// <summary>How long a run waits for another run holding its partitions (or layer) before it fails with a database error.</summary>
    public TimeSpan LockWait { get; init; } = DefaultLockWait;
}
