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

    /// <summary>The staging table, created by the first file and widened by any later file with more columns.</summary>
    public async Task<StagingTable> StagingAsync(
        NpgsqlConnection connection, IReadOnlyList<LayerColumn> fileColumns, IReadOnlyDictionary<string, string> publishedTypes, CancellationToken cancellationToken)
    {
        if (staging is null)
        {
            staging = await StagingTable.CreateAsync(connection, target, part, fileColumns, publishedTypes, cancellationToken);
        }
        else
        {
            await staging.AddColumnsAsync(connection, fileColumns, publishedTypes, cancellationToken);
        }

        return staging;
    }
}
