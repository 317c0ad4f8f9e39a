using Npgsql;
using TigerImport.Catalog;
using TigerImport.Load;

namespace TigerImport.Pipeline;

/// <summary>The files that load into one partition of a layer, and its staging table once the first file created it.</summary>
internal sealed class PartitionBuilder(LayerTarget target, string part, IReadOnlyList<TigerFile> files)
{
    private StagingTable? staging;

    public string Part => part;

    public IReadOnlyList<TigerFile> Files => files;

    public List<FileResult> Results { get; } = [];

    public StagingTable? Staging => staging;

    /// <summary>The staging table, created on first use: it is shaped like the published table, which the first file may create.</summary>
    public async Task<StagingTable> StagingAsync(NpgsqlConnection connection, CancellationToken cancellationToken) =>
        staging ??= await StagingTable.CreateAsync(connection, target, part, cancellationToken);
}
