using System.Text.Json;
using Npgsql;
using TigerImport.Catalog;
using TigerImport.Load;

namespace TigerImport.Pipeline;

/// <summary>Records each run in <c>{schema}.tiger_runs</c> (osm2pgsql keeps its run properties in the database too).</summary>
internal sealed class RunJournal(NpgsqlDataSource dataSource, string schema, Guid runId)
{
    /// <summary>Bootstraps the schema (PostGIS, tables) and records the run as running.</summary>
    public async Task BeginAsync(string command, string? source, ImportRequest request, ImportOptions options, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await DatabaseBootstrap.EnsureAsync(connection, schema, cancellationToken);
        var described = JsonSerializer.Serialize(new
        {
            source,
            year = request.Year,
            layers = request.Layers.Select(l => l.Key),
            states = request.States?.Select(s => s.Fips),
            counties = request.Counties,
            schema,
            options.Srid,
        }, RunJson.Options);
        await using var insert = new NpgsqlCommand(
            $"INSERT INTO {Sql.Qualified(schema, "tiger_runs")} (run_id, command, status, request) VALUES ($1, $2, 'running', $3::jsonb)", connection)
        {
            Parameters = { new() { Value = runId }, new() { Value = command }, new() { Value = described } },
        };
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Records how the run ended, even when cancelled (with its own short deadline, not the run's token).</summary>
    /// <param name="summary">What an import did (the same document <c>--report</c> writes); null for a revert.</param>
    public async Task EndAsync(string status, ImportSummary? summary)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(deadline.Token);
            await using var command = new NpgsqlCommand(
                $"UPDATE {Sql.Qualified(schema, "tiger_runs")} SET finished_at = now(), status = $2, summary = $3::jsonb WHERE run_id = $1", connection)
            {
                Parameters = { new() { Value = runId }, new() { Value = status }, new() { Value = summary is null ? DBNull.Value : JsonSerializer.Serialize(summary, RunJson.Options) } },
            };
            await command.ExecuteNonQueryAsync(deadline.Token);
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException)
        {
            // The run's outcome is in the logs and the exit code; a database that went away cannot take it.
        }
    }
}
