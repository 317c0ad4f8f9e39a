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

    /// <summary>
    /// The row for one feature: the DBF values (by field index) converted to their columns' types, and the geometry as
    /// EWKB. Thread-safe and independent of the COPY, so features are encoded in parallel while earlier rows are sent.
    /// </summary>
    public CopyRow Encode(IReadOnlyList<object?> dbfValues, NetTopologySuite.Geometries.Geometry geometry)
    {
        var values = new object?[columns.Count];
        for (var i = 0; i < values.Length; i++)
        {
            var (column, type) = columns[i];
            values[i] = ColumnValue.Convert(dbfValues[column.FieldIndex], type, column.Width);
        }

        return new CopyRow(values, Ewkb.Encode(geometry));
    }

    /// <summary>Writes one encoded row.</summary>
    public async Task WriteAsync(CopyRow row, CancellationToken cancellationToken)
    {
        await importer.StartRowAsync(cancellationToken);
        for (var i = 0; i < columns.Count; i++)
        {
            if (row.Values[i] is { } value)
            {
                await importer.WriteAsync(value, columns[i].Type, cancellationToken);
            }
            else
            {
                await importer.WriteNullAsync(cancellationToken);
            }
        }

        // geometry_recv takes EWKB as it is: sent as bytes, it is parsed once, by PostGIS.
        await importer.WriteAsync(row.Geometry, NpgsqlDbType.Bytea, cancellationToken);
        await importer.WriteAsync(scope, NpgsqlDbType.Text, cancellationToken);
    }

    /// <summary>Commits the COPY; returns the rows PostgreSQL took.</summary>
    public async Task<ulong> CompleteAsync(CancellationToken cancellationToken) => await importer.CompleteAsync(cancellationToken);

    public ValueTask DisposeAsync() => importer.DisposeAsync();

    private readonly record struct CopyColumn(LayerColumn Column, NpgsqlDbType Type);
}

/// <summary>One row ready for the COPY: column values in the copier's order, and the geometry's EWKB.</summary>
public sealed record CopyRow(object?[] Values, byte[] Geometry);
