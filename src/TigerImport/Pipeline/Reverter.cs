using Microsoft.Extensions.Logging;
using Npgsql;
using TigerImport.Catalog;
using TigerImport.Load;
using TigerImport.Publish;

namespace TigerImport.Pipeline;

/// <summary>Runs <c>tigerimport revert</c>: the publish rotation, started from the backup schema.</summary>
public sealed class Reverter(NpgsqlDataSource dataSource, ILogger logger)
{
    /// <summary>Restores each named layer's previous version (per state where states are named).</summary>
    public async Task<IReadOnlyList<(string Table, IReadOnlyList<string> Parts)>> RevertAsync(
        Guid runId, ImportRequest request, ImportOptions options, CancellationToken cancellationToken)
    {
        await using var journal = new RunJournal(dataSource, options.Schema, runId, logger);
        await journal.BeginAsync("revert", null, request, options, cancellationToken);
        var status = "failed"; // also when a bug escapes: only a stop is 'cancelled'
        var reverted = new List<(string, IReadOnlyList<string>)>();
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            var rotator = new PartitionRotator(logger);
            var parts = request.States?.Select(s => s.Fips).ToList();
            foreach (var layer in request.Layers)
            {
                var target = new LayerTarget(options.Schema, layer.InYear(request.Year), options.Srid);
                await LayerLock.AcquireAsync(connection, target, cancellationToken);
                var done = await rotator.RevertAsync(connection, target, parts, cancellationToken);
                if (done.Count == 0)
                {
                    throw new TigerImportException(
                        FailureKind.Usage,
                        $"{target.Schema}.{target.Table} has no previous version to revert to{(parts is null ? "" : " for the states named")}: revert restores what the last import replaced, so a layer must have been imported twice (check --year, --layers, --schema{(parts is null ? "" : ", --states")}).");
                }

                Log.Reverted(logger, $"{target.Schema}.{target.Table}", string.Join(",", done));
                reverted.Add(($"{target.Schema}.{target.Table}", done));
            }

            status = "succeeded";
            return reverted;
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
