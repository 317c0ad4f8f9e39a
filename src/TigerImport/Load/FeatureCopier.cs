using Npgsql;
using NpgsqlTypes;

namespace TigerImport.Load;

/// <summary>
/// Streams rows into a staging table with binary COPY, one feature at a time. Disposing without <see cref="CompleteAsync"/>
/// cancels the COPY, so a failed or cancelled file leaves no rows behind.
/// </summary>
public sealed class FeatureCopier : IAsyncDisposable
{
    private readonly NpgsqlBinaryImporter importer;
    private readonly IReadOnlyList<CopyColumn> columns;
    private readonly string scope;

    private FeatureCopier(NpgsqlBinaryImporter importer, IReadOnlyList<CopyColumn> columns, string scope)
    {
        this.importer = importer;
        this.columns = columns;
        this.scope = scope;
    }

    /// <param name="fileColumns">The file's columns; each is written as the type the staging table has for it.</param>
    /// <param name="scope">The file's scope, written to every row's scope column.</param>
    public static async Task<FeatureCopier> BeginAsync(
        NpgsqlConnection connection,
        StagingTable staging,
        IReadOnlyList<LayerColumn> fileColumns,
        string scope,
        CancellationToken cancellationToken)
    {
        var columns = fileColumns.Select(c => new CopyColumn(c, ColumnValue.DbTypeOf(staging.ColumnTypes[c.Name]))).ToList();
        var names = columns.Select(c => Sql.Identifier(c.Column.Name)).Append(LayerTarget.GeometryColumn).Append(LayerTarget.ScopeColumn);
        var importer = await connection.BeginBinaryImportAsync($"COPY {staging.Qualified} ({string.Join(", ", names)}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        return new FeatureCopier(importer, columns, scope);
    }

    /// <summary>Writes one row: the DBF values (by field index) and the geometry.</summary>
    public async Task WriteAsync(IReadOnlyList<object?> dbfValues, NetTopologySuite.Geometries.Geometry geometry, CancellationToken cancellationToken)
    {
        await importer.StartRowAsync(cancellationToken);
        foreach (var (column, type) in columns)
        {
            var value = ColumnValue.Convert(dbfValues[column.FieldIndex], type, column.Width);
            if (value is null)
            {
                await importer.WriteNullAsync(cancellationToken);
            }
            else
            {
                await importer.WriteAsync(value, type, cancellationToken);
            }
        }

        await importer.WriteAsync(geometry, NpgsqlDbType.Geometry, cancellationToken);
        await importer.WriteAsync(scope, NpgsqlDbType.Text, cancellationToken);
    }

    /// <summary>Commits the COPY; returns the rows PostgreSQL took.</summary>
    public async Task<ulong> CompleteAsync(CancellationToken cancellationToken) => await importer.CompleteAsync(cancellationToken);

    public ValueTask DisposeAsync() => importer.DisposeAsync();

    private readonly record struct CopyColumn(LayerColumn Column, NpgsqlDbType Type);
}
