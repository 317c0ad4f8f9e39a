using Npgsql;
using NpgsqlTypes;
using TigerImport.Database;

namespace TigerImport.Load;

/// <summary>
/// Streams rows into a staging table with binary COPY. Rows are encoded by <see cref="Encode"/> (thread-safe, so
/// features are encoded in parallel) and sent as they are by <see cref="WriteAsync"/>. Disposing without
/// <see cref="CompleteAsync"/> cancels the COPY, so a failed or cancelled file leaves no rows behind.
/// </summary>
public sealed class FeatureCopier : IAsyncDisposable
{
    private readonly NpgsqlRawCopyStream stream;
    private readonly IReadOnlyList<CopyColumn> columns;
    private readonly byte[] scope;
    private ulong rows;
    private readonly bool hasGeometry;
    private bool completed;

    private FeatureCopier(NpgsqlRawCopyStream stream, IReadOnlyList<CopyColumn> columns, string scope, bool hasGeometry)
    {
        this.stream = stream;
        this.columns = columns;
        this.scope = TupleEncoder.Text(scope);
        this.hasGeometry = hasGeometry;
    }

    /// <param name="fileColumns">The file's columns; each is written as the type the staging table has for it.</param>
    /// <param name="scope">The file's scope, written to every row's scope column.</param>
    /// <param name="freeze">
    /// COPY FREEZE: the rows are written frozen and the pages marked all-visible, so the first reader (the index
    /// builds) does not dirty and write every page again to set hint bits. PostgreSQL accepts it only when the table
    /// was created (or truncated) in the COPY's own transaction, and never on a partitioned table.
    /// </param>
    public static async Task<FeatureCopier> BeginAsync(
        NpgsqlConnection connection,
        StagingTable staging,
        IReadOnlyList<LayerColumn> fileColumns,
        string scope,
        bool freeze,
        CancellationToken cancellationToken)
    {
        var columns = fileColumns.Select(c => new CopyColumn(c, ColumnValue.DbTypeOf(staging.ColumnTypes[c.Name]))).ToList();
        var names = columns.Select(c => Sql.Identifier(c.Column.Name)).Concat(staging.Target.OwnColumns);
        var stream = await connection.BeginRawBinaryCopyAsync(
            $"COPY {staging.Qualified} ({string.Join(", ", names)}) FROM STDIN (FORMAT BINARY{(freeze ? ", FREEZE" : "")})", cancellationToken);
        var copier = new FeatureCopier(stream, columns, scope, staging.Target.HasGeometry);
        await stream.WriteAsync(TupleEncoder.Header, cancellationToken);
        return copier;
    }

    /// <summary>
    /// The row for one feature: the DBF values (by field index) converted to their columns' types, the geometry as
    /// EWKB (which geometry_recv takes as it is), and the scope. Thread-safe and independent of the COPY. An
    /// attribute-only table's rows have no geometry (null here).
    /// </summary>
    public EncodedTuple Encode(IReadOnlyList<object?> dbfValues, NetTopologySuite.Geometries.Geometry? geometry)
    {
        if (hasGeometry != geometry is not null)
        {
            throw new InvalidOperationException(hasGeometry ? "A row of a geometry layer needs its geometry." : "An attribute-only table's row has no geometry.");
        }

        var values = new (object?, NpgsqlDbType)[columns.Count];
        for (var i = 0; i < values.Length; i++)
        {
            var (column, type) = columns[i];
            values[i] = (ColumnValue.Convert(dbfValues[column.FieldIndex], type, column.Width), type);
        }

        return new EncodedTuple(geometry is null ? TupleEncoder.Encode(values, scope) : TupleEncoder.Encode(values, Ewkb.Encode(geometry), scope));
    }

    /// <summary>Sends one encoded row.</summary>
    public async Task WriteAsync(EncodedTuple row, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(row.Tuple, cancellationToken);
        rows++;
    }

    /// <summary>Ends and commits the COPY; returns the rows sent (the caller's gates compare them with the table).</summary>
    public async Task<ulong> CompleteAsync(CancellationToken cancellationToken)
    {
        await stream.WriteAsync(TupleEncoder.Trailer, cancellationToken);
        completed = true;

        // Disposing the raw stream sends CopyDone and waits for the server's CommandComplete (or its error).
        await stream.DisposeAsync();
        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        if (completed)
        {
            return;
        }

        try
        {
            await stream.CancelAsync();
        }
        catch (Exception e) when (e is NpgsqlException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The connection is already gone (the failure being handled): the server rolled the COPY back with it.
        }

        await stream.DisposeAsync();
    }

    private readonly record struct CopyColumn(LayerColumn Column, NpgsqlDbType Type);
}
