using Microsoft.Extensions.Logging;
using Npgsql;
using TigerImport.Catalog;
using TigerImport.Database;
using TigerImport.Import;
using TigerImport.Publish;
using TigerImport.Sources;

namespace TigerImport.Operations.Plan;

/// <summary>
/// Runs <c>tigerimport plan</c>: the import's planning and change detection, and nothing else. It writes nothing to
/// the database (no bootstrap, no journal row, no lock): it reads the partition bookkeeping and asks the source for
/// listings and validators. It predicts the rights an import would stop on (<see cref="RoleRights"/>, the same check) and
/// the source failures it would meet (<see cref="LayerPreview.SourceFailure"/>); what only loading can find (damaged
/// files, quality gates, budgets, locks) it cannot.
/// </summary>
public sealed class ImportPreview(NpgsqlDataSource dataSource, ITigerSource source, ILogger logger)
{
    public async Task<PlanPreview> PreviewAsync(ImportRequest request, ImportOptions options, CancellationToken cancellationToken)
    {
        var plans = await ImportPlanner.PlanAsync(request, source.ListAsync, cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // An import stops on these before it loads anything (and without USAGE on the schema its bookkeeping cannot be read).
        var missingRights = await RoleRights.MissingAsync(connection, options.Schema, RoleRights.TablesOf(plans), options.AppTables, cancellationToken);
        if (missingRights.Count > 0)
        {
            return new PlanPreview([], missingRights);
        }

        var detector = new ChangeDetector(source, logger);
        var catalogOrder = TigerLayers.All.ToList();
        var previews = new List<LayerPreview>();
        foreach (var plan in plans.OrderBy(p => catalogOrder.IndexOf(p.Vintage.Layer)))
        {
            var target = new LayerTarget(options.Schema, plan.Vintage, options.Srid);
            var published = await PartitionBookkeeping.PublishedAsync(connection, target, cancellationToken);
            var partitions = plan.Partitions();
            var decisions = await detector.DecideAsync(plan.Vintage, partitions, published, options.Force, request.Counties is not null, cancellationToken);
            // The import's own checks, in its order (LayerImporter): missing files, no file at all, then (when something loads) lost county files.
            var failure = LayerSourceCheck.MissingFiles(plan, options, source.DisplayName)
                ?? (partitions.Count == 0 ? LayerSourceCheck.NoFiles(plan, request, source.DisplayName) : null);
            if (failure is null && !options.SkipMissing && decisions.Any(d => d.Loads)
                && LayerSourceCheck.LostCounties(partitions, published, request) is { Count: > 0 } lost)
            {
                failure = LayerSourceCheck.LostCountiesReason(lost, source.DisplayName);
            }

            previews.Add(new LayerPreview(plan.Vintage.Layer.Key, plan.Vintage.Year, $"{target.Schema}.{target.Table}", decisions, plan.Missing, plan.Notices) { SourceFailure = failure });
        }

        return new PlanPreview(previews, []);
    }
}
