using TigerImport.Database;
using TigerImport.Geometry;
using TigerImport.Import.Policies;

namespace TigerImport.Import;

/// <summary>
/// How a run writes: the target schema and SRID, whether a file the source lacks fails its layer, and how many rejected
/// features a file may have (null: <see cref="RejectBudget.Default"/>).
/// </summary>
public sealed record ImportOptions(string Schema = "tiger", int Srid = SpatialReferences.Wgs84, bool SkipMissing = false, RejectBudget? MaxRejects = null)
{
    public static readonly TimeSpan DefaultLockWait = TimeSpan.FromMinutes(5);

    /// <summary>How long a run waits for another run holding its partitions (or layer) before it fails with a database error.</summary>
    public TimeSpan LockWait { get; init; } = DefaultLockWait;

    public RejectBudget Rejects => MaxRejects ?? RejectBudget.Default;

    /// <summary>The app's tables a sync after the import writes (<c>--sync-regions</c>): their existence and grants are checked with the run's rights, before anything is loaded.</summary>
    public IReadOnlyList<AppTableRights> AppTables { get; init; } = [];

    /// <summary>How many features a file may have repaired (made valid) before its layer fails: the repair budget.</summary>
    public RejectBudget Repairs { get; init; } = RejectBudget.Default;

    /// <summary>Publish a partition however much its keys, area or extent differ from the one it replaces.</summary>
    public bool AllowChange { get; init; }

    /// <summary>Load partitions whose files are unchanged since they were published (normally skipped).</summary>
    public bool Force { get; init; }

    /// <summary>The least share (percent) of the replaced partition's rows a new partition must have to be published.</summary>
    public int MinSharePercent { get; init; } = 50;

    /// <summary>Publish a partition however much smaller than the one it replaces.</summary>
    public bool AllowShrink { get; init; }

    /// <summary>
    /// Publish a file whose fields drift from the published table's beyond what a Census release does: published fields
    /// missing, more new columns than <see cref="Load.ColumnDrift.MaxNewColumns"/>, names Census does not write.
    /// </summary>
    public bool AllowDrift { get; init; }

    /// <summary>Partitions (states) built at once, each on its own database connection; two keep both cores of the Fargate task busy.</summary>
    public int Jobs { get; init; } = DefaultJobs;

    public const int DefaultJobs = 2;

    /// <summary>
    /// The most database connections one import holds at once: one per lane (<paramref name="jobs"/>), one more per
    /// lane while a file's rejects are copied, the run's journal lease, and a short-lived one (a heartbeat, a staging drop).
    /// </summary>
    public static int MaxConnections(int jobs) => (2 * jobs) + 2;

    /// <summary>Replaced versions kept for revert: 1 (the default) keeps the last one, 0 drops it after the publish.</summary>
    public int KeepBackups { get; init; } = 1;
}
