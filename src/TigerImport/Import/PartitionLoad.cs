using Npgsql;
using TigerImport.Catalog;
using TigerImport.Database;
using TigerImport.Load;

namespace TigerImport.Import;

/// <summary>The files that load into one partition of a layer, and its staging table once the first file's COPY committed it.</summary>
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

    /// <summary>Each loaded file's columns, for the field-set gate across the run's files (<see cref="Policies.FieldSetGate"/>).</summary>
    public Dictionary<string, IReadOnlySet<string>> FieldsByFile { get; } = new(StringComparer.Ordinal);

    public List<FileResult> Results { get; } = [];

    public StagingTable? Staging => staging;

    /// <summary>How the files' columns differed from each other (schema drift within the partition), for the log and the summary.</summary>
    public List<string> Drift { get; } = [];

    /// <summary>
    /// Runs a file's COPY (<paramref name="copy"/>, told whether it may FREEZE) into the partition's staging table. The
    /// first file's COPY runs in the transaction that creates the table, so it is a COPY FREEZE; should that
    /// transaction fail (a lost connection), the table goes with it and the file's next attempt creates it again.
    /// Later files widen the table for any column they add and COPY as usual (FREEZE needs the table new in the COPY's
    /// transaction, and each file commits on its own so a retry reloads only that file).
    /// </summary>
    public async Task<T> CopyAsync<T>(
        NpgsqlConnection connection, string fileName, IReadOnlyList<LayerColumn> fileColumns, Func<StagingTable, bool, Task<T>> copy, CancellationToken cancellationToken)
    {
        if (staging is not null)
        {
            await WidenAsync(connection, staging, fileName, fileColumns, cancellationToken);
            return await copy(staging, false);
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var created = await StagingTable.CreateAsync(connection, target, part, fileColumns, PublishedTypes, cancellationToken);
        var result = await copy(created, true);
        await transaction.CommitAsync(cancellationToken);
        staging = created;
        return result;
    }

    /// <summary>Adds the columns a later file has and the earlier ones lacked, noting the drift either way.</summary>
    private async Task WidenAsync(NpgsqlConnection connection, StagingTable table, string fileName, IReadOnlyList<LayerColumn> fileColumns, CancellationToken cancellationToken)
    {
        var lacking = table.ColumnTypes.Keys.Except(fileColumns.Select(c => c.Name)).ToList();
        var added = await table.AddColumnsAsync(connection, fileColumns, PublishedTypes, cancellationToken);
        if (added.Count > 0)
        {
            Drift.Add($"{fileName} adds column(s) {string.Join(", ", added)} to partition {part} (NULL for the earlier files' rows)");
        }

        if (lacking.Count > 0)
        {
            Drift.Add($"{fileName} lacks column(s) {string.Join(", ", lacking)} of partition {part} (NULL for its rows)");
        }
    }
}
