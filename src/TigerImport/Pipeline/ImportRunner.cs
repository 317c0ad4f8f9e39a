using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Npgsql;
using TigerImport.Catalog;
using TigerImport.Sources;

namespace TigerImport.Pipeline;

/// <summary>
/// The orchestrator: plan the files, then import layer by layer in catalog order (small national layers first),
/// recording the run in <c>{schema}.tiger_runs</c>. A failed layer does not stop the others.
/// </summary>
public sealed class ImportRunner(NpgsqlDataSource dataSource, ITigerSource source, ILogger logger)
{
    public async Task<ImportSummary> ImportAsync(Guid runId, ImportRequest request, ImportOptions options, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await using var journal = new RunJournal(dataSource, options.Schema, runId, logger);
        await journal.BeginAsync("import", source.DisplayName, request, options, cancellationToken);
        var results = new List<LayerResult>();
        var status = "failed"; // also when a bug escapes: only a stop is 'cancelled'
        try
        {
            var plans = await ImportPlanner.PlanAsync(request, source.ListAsync, cancellationToken);
            var importer = new LayerImporter(dataSource, source, logger, runId, options, request);
            var catalogOrder = TigerLayers.All.ToList();
            foreach (var plan in plans.OrderBy(p => catalogOrder.IndexOf(p.Vintage.Layer)))
            {
                results.Add(await importer.ImportAsync(plan, cancellationToken));
            }

            var summary = new ImportSummary(runId, results, clock.ElapsedMilliseconds) { Source = source.Statistics.Snapshot() };
            status = summary.WorstFailure is null ? "succeeded" : "failed";
            return summary;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            status = "cancelled";
            throw;
        }
        finally
        {
            await journal.EndAsync(status, results);
        }
    }
}
