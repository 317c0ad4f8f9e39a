using Npgsql;
using TigerImport.Catalog;
using TigerImport.Database;
using TigerImport.Load;

namespace TigerImport.Import;

/// <summary>The files that load into one partition of a layer, and its staging table once the first file created it.</summary>
internal sealed class PartitionLoad(LayerTarget target, string part, IReadOnlyList<TigerFile> files)
{
    private StagingTable? staging;

    public LayerTarget Target => target;

    public string Part => part;

    /// <summary>
    /// The published table's column types (empty before its first publish), read once per layer when its partitions
    /// are locked: a column that is already published keeps its type in the staging table.
    /// </summary>
    public IReadOnlyDictionary<string, string> PublishedTypes { get; set; } = new Dictionary<string, string>();

    /// <summary>The columns the layer's published partitions' files brought, seen from this partition: what its files are held to.</summary>
    public PublishedFieldSets FieldSets { get; set; } = PublishedFieldSets.None;

    /// <summary>The envelopes the extent gate holds the files to, read once per layer (the published STATE and COUNTY layers where present).</summary>
    public Policies.ExtentEnvelopes Envelopes { get; set; } = Policies.ExtentEnvelopes.Shipped;

    public IReadOnlyList<TigerFile> Files => files;

    public List<FileResult> Results { get; } = [];

    public StagingTable? Staging => staging;

    /// <summary>How the files' columns differed from each other (schema drift within the partition), for the log and the summary.</summary>
    public List<string> Drift { get; } = [];

    /// <summary>The staging table, created by the first file and widened by any later file with more columns.</summary>
    public async Task<StagingTable> StagingAsync(
        NpgsqlConnection connection, string fileName, IReadOnlyList<LayerColumn> fileColumns, CancellationToken cancellationToken)
    {
        if (staging is null)
        {
            staging = await StagingTable.CreateAsync(connection, target, part, fileColumns, PublishedTypes, cancellationToken);
            return staging;
        }

        var lacking = staging.ColumnTypes.Keys.Except(fileColumns.Select(c => c.Name)).ToList();
        var added = await staging.AddColumnsAsync(connection, fileColumns, PublishedTypes, cancellationToken);
        if (added.Count > 0)
        {
            Drift.Add($"{fileName} adds column(s) {string.Join(", ", added)} to partition {part} (NULL for the earlier files' rows)");
        }

        if (lacking.Count > 0)
        {
            Drift.Add($"{fileName} lacks column(s) {string.Join(", ", lacking)} of partition {part} (NULL for its rows)");
        }

        return staging;
    }
}
