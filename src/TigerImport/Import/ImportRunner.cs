using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Npgsql;
using TigerImport.Catalog;
using TigerImport.Database;
using TigerImport.Sources;

namespace TigerImport.Import;

/// <summary>
/// The orchestrator: plan the files, then import layer by layer in catalog order (small national layers first),
/// recording the run in <c>{schema}.tiger_runs</c>. A failed layer does not stop the others.
/// </summary>
public sealed class ImportRunner(NpgsqlDataSource dataSource, ITigerSource source, ILogger logger, IImportObserver? observer = null)
{
    public async Task<ImportSummary> ImportAsync(Guid runId, ImportRequest request, ImportOptions options, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await using var journal = new RunJournal(dataSource, options.Schema, runId, logger);
        await journal.BeginAsync("import", source.DisplayName, request, options.Srid, cancellationToken);
        var results = new List<LayerResult>();
        ImportSummary Summarize() => new(runId, results, clock.ElapsedMilliseconds) { Source = source.Statistics.Snapshot() };
        ImportSummary? summary = null;
        var status = "failed"; // also when a bug escapes: only a stop is 'cancelled'
        try
        {
            var plans = await ImportPlanner.PlanAsync(request, source.ListAsync, cancellationToken);
            await RequireRightsAsync(options, plans, cancellationToken);
            var importer = new LayerImporter(dataSource, source, logger, runId, options, request, observer);
            var catalogOrder = TigerLayers.All.ToList();
            foreach (var plan in plans.OrderBy(p => catalogOrder.IndexOf(p.Vintage.Layer)))
            {
                observer?.LayerStarted(plan.Vintage.Layer.Key, plan.Vintage.Year, plan.Files.Count);
                var downloadedBefore = source.Statistics.Snapshot().BytesDownloaded;
                results.Add(await importer.ImportAsync(plan, cancellationToken));
                observer?.LayerFinished(results[^1], source.Statistics.Snapshot().BytesDownloaded - downloadedBefore);
            }

            summary = Summarize();
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
            // What a failed or cancelled run did so far; a finished run's summary is the very one returned (and reported).
            summary ??= Summarize();
            observer?.RunFinished(summary, status);
            await journal.EndAsync(status, summary);
        }
    }

    /// <summary>The bootstrap checked the schemas; once the files are planned, the layer tables they go to (before anything is downloaded).</summary>
    private async Task RequireRightsAsync(ImportOptions options, IReadOnlyList<LayerPlan> plans, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await RoleRights.RequireAsync(connection, options.Schema, RoleRights.TablesOf(plans), options.AppTables, cancellationToken);
    }
}
