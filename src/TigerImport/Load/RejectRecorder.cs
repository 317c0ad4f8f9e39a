using System.Text.Json;
using System.Text.Json.Serialization;
using Npgsql;
using NpgsqlTypes;
using TigerImport.Database;

namespace TigerImport.Load;

/// <summary>
/// Writes every rejected feature (record number, reason, geometry as read, or the record's raw .shp content when it could
/// not be parsed, attributes) to <c>{schema}.tiger_rejects</c>
/// on a connection of its own, by binary COPY opened at the first reject, so nothing is dropped silently and memory
/// does not grow with the number of rejects.
/// </summary>
public sealed class RejectRecorder(NpgsqlDataSource dataSource, string schema, Guid runId, string tableName, string fileName) : IAsyncDisposable
{
    /// <summary>A rejected record's F field may hold NaN or infinity, which JSON numbers cannot: they are kept as the strings "NaN", "Infinity".</summary>
    private static readonly JsonSerializerOptions AttributeJson = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    private NpgsqlConnection? connection;
    private NpgsqlBinaryImporter? importer;

    public long Count { get; private set; }

    public async Task RecordAsync(
        int recordNumber,
        string reason,
        NetTopologySuite.Geometries.Geometry? geometry,
        byte[]? shape,
        IReadOnlyDictionary<string, object?> attributes,
        CancellationToken cancellationToken)
    {
        importer ??= await BeginAsync(cancellationToken);
        await importer.StartRowAsync(cancellationToken);
        await importer.WriteAsync(runId, NpgsqlDbType.Uuid, cancellationToken);
        await importer.WriteAsync(tableName, NpgsqlDbType.Text, cancellationToken);
        await importer.WriteAsync(fileName, NpgsqlDbType.Text, cancellationToken);
        await importer.WriteAsync(recordNumber, NpgsqlDbType.Integer, cancellationToken);
        await importer.WriteAsync(reason, NpgsqlDbType.Text, cancellationToken);
        if (geometry is null)
        {
            await importer.WriteNullAsync(cancellationToken);
        }
        else
        {
            await importer.WriteAsync(geometry, NpgsqlDbType.Geometry, cancellationToken);
        }

        if (shape is null)
        {
            await importer.WriteNullAsync(cancellationToken);
        }
        else
        {
            await importer.WriteAsync(shape, NpgsqlDbType.Bytea, cancellationToken);
        }

        await importer.WriteAsync(JsonSerializer.Serialize(attributes, AttributeJson), NpgsqlDbType.Jsonb, cancellationToken);
        Count++;
    }

    /// <summary>Commits what was recorded; without it, disposing discards it (the file failed and will be retried or reported).</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        if (importer is not null)
        {
            await importer.CompleteAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (importer is not null)
        {
            await importer.DisposeAsync();
        }

        if (connection is not null)
        {
            await connection.DisposeAsync();
        }
    }

    private async Task<NpgsqlBinaryImporter> BeginAsync(CancellationToken cancellationToken)
    {
        connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.BeginBinaryImportAsync(
            $"COPY {TigerTables.RejectsIn(schema)} (run_id, table_name, file_name, record_number, reason, geom, shape, attributes) FROM STDIN (FORMAT BINARY)",
            cancellationToken);
    }
}
