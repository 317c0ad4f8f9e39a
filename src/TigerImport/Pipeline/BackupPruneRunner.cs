using Microsoft.Extensions.Logging;
using Npgsql;
using TigerImport.Catalog;
using TigerImport.Load;
using TigerImport.Publish;

namespace TigerImport.Pipeline;

/// <summary>Runs <c>tigerimport prune-backups</c>: drops the backups of the named layers (per state where states are named), each under its layer's lock.</summary>
public sealed class BackupPruneRunner(NpgsqlDataSource dataSource, ILogger logger)
{
    /// <returns>Per layer table, the partitions whose backup was dropped.</returns>
    public async Task<IReadOnlyList<(string Table, IReadOnlyList<string> Parts)>> PruneAsync(
        Guid runId, ImportRequest request, ImportOptions options, CancellationToken cancellationToken)
    {
        await using var journal = new RunJournal(dataSource, options.Schema, runId, logger);
        await journal.BeginAsync("prune-backups", null, request, options, cancellationToken);
        var status = "failed"; // also when a bug escapes: only a stop is 'cancelled'
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            var parts = request.States?.Select(s => s.Fips).ToList();
            var pruned = new List<(string, IReadOnlyList<string>)>();
            foreach (var layer in request.Layers)
            {
                var target = new LayerTarget(options.Schema, layer.InYear(request.Year), options.Srid);
                await LayerLock.AcquireAsync(connection, target, cancellationToken);
                pruned.Add(($"{target.Schema}.{target.Table}", await BackupPruner.PruneAsync(connection, target, parts, logger, cancellationToken)));
            }

            status = "succeeded";
            return pruned;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            status = "cancelled";
            throw;
        }
        finally
        {
            await journal.EndAsync(status, []);
        }
    }
}
