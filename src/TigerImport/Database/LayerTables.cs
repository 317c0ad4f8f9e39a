namespace TigerImport.Database;

/// <summary>A layer's published table and the partitions of it a run touches (null: every one), in each of the worker's schemas.</summary>
public sealed record LayerTables(string Table, IReadOnlyCollection<string>? Parts)
{
    /// <summary>The partitions named, as tables (the same name in the published, staging and backup schemas).</summary>
    public IEnumerable<string> PartitionTables => Parts?.Select(p => PartitionTable(Table, p)) ?? [];

    /// <summary>A partition's table name: the layer's table and the partition key (a state's FIPS code, or "us").</summary>
    public static string PartitionTable(string table, string part) => $"{table}_p{part}";
}
