namespace TigerImport.Database;

/// <summary>
/// The names this worker gives in a target schema: its bookkeeping tables, and the two schemas beside it, where
/// partitions are loaded (<c>{schema}_staging</c>) and where the version a publish replaced is kept (<c>{schema}_backup</c>).
/// </summary>
public static class TigerTables
{
    /// <summary>One row per run of any verb: its request, status, summary and exit code.</summary>
    public const string Runs = "tiger_runs";

    /// <summary>One row per published or backed-up partition: its files' lineage and accounting.</summary>
    public const string Partitions = "tiger_partitions";

    /// <summary>Every rejected feature of every import, with its reason and attributes.</summary>
    public const string Rejects = "tiger_rejects";

    /// <summary>The region sync's redistricting report: one row per sync and region row of the synced states (added, changed, retired…, stakeholders moved).</summary>
    public const string RegionChanges = "tiger_region_changes";

    public const string StagingSuffix = "_staging";

    public const string BackupSuffix = "_backup";

    public static string StagingSchema(string schema) => schema + StagingSuffix;

    public static string BackupSchema(string schema) => schema + BackupSuffix;

    /// <summary>The target schema and the two beside it, in the order they are created.</summary>
    public static IReadOnlyList<string> Schemas(string schema) => [schema, StagingSchema(schema), BackupSchema(schema)];

    public static string RunsIn(string schema) => Sql.Qualified(schema, Runs);

    public static string PartitionsIn(string schema) => Sql.Qualified(schema, Partitions);

    public static string RejectsIn(string schema) => Sql.Qualified(schema, Rejects);

    public static string RegionChangesIn(string schema) => Sql.Qualified(schema, RegionChanges);
}
