using System.Runtime.CompilerServices;
using Npgsql;
using TigerImport.Database;
using TigerImport.Load;

namespace TigerImport.Operations.Rejects;

/// <summary>Reads back what <see cref="RejectRecorder"/> wrote: the rejected features of one run, for people to look at.</summary>
public sealed class RejectReader(NpgsqlDataSource dataSource, string schema)
{
    /// <summary>The last import recorded in <c>{schema}.tiger_runs</c>, or null when there is none.</summary>
    public async Task<Guid?> LastImportAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await Guarded(() => Db.ScalarAsync<Guid?>(
            connection, $"SELECT run_id FROM {TigerTables.RunsIn(schema)} WHERE command = 'import' ORDER BY started_at DESC LIMIT 1", cancellationToken));
    }

    /// <summary>Whether <c>{schema}.tiger_runs</c> has a run with this id (of any verb).</summary>
    public async Task<bool> HasRunAsync(Guid runId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await Guarded(() => Db.ScalarAsync<bool>(
            connection, $"SELECT EXISTS (SELECT 1 FROM {TigerTables.RunsIn(schema)} WHERE run_id = $1)", cancellationToken, runId));
    }

    /// <summary>
    /// The run's rejects by file and record. Geometry is stored as read (NAD83, EPSG:4269); GeoJSON wants WGS 84, and
    /// the importer's NAD83 → WGS 84 is a null transform (docs/data-model.md), so the coordinates are kept and only relabelled.
    /// </summary>
    public async IAsyncEnumerable<RejectedFeature> ReadAsync(Guid runId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = Db.StreamAsync(
            connection,
            $"""
            SELECT table_name, file_name, record_number, reason,
                   ST_AsGeoJSON(CASE WHEN ST_SRID(geom) IN (0, 4269) THEN ST_SetSRID(geom, 4326) ELSE ST_Transform(geom, 4326) END, 9),
                   attributes::text
            FROM {TigerTables.RejectsIn(schema)} WHERE run_id = $1 ORDER BY file_name, record_number
            """,
            reader => new RejectedFeature(
                reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5)),
            cancellationToken,
            runId);
        await using var enumerator = rows.GetAsyncEnumerator(cancellationToken);
        while (await Guarded(async () => await enumerator.MoveNextAsync()))
        {
            yield return enumerator.Current;
        }
    }

    /// <summary>A schema no import has run in has no bookkeeping tables: that is a wrong --schema, not a database failure.</summary>
    private async Task<T> Guarded<T>(Func<Task<T>> query)
    {
        try
        {
            return await query();
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.InvalidSchemaName)
        {
            throw new TigerImportException(FailureKind.Usage, $"Schema '{schema}' has no import runs (no {schema}.tiger_runs or tiger_rejects table); check --schema.", e);
        }
    }
}
