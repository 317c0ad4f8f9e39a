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
/// listings and validators.
/// </summary>
public sealed class ImportPreview(NpgsqlDataSource dataSource, ITigerSource source, ILogger logger)
{
    public async Task<IReadOnlyList<LayerPreview>> PreviewAsync(ImportRequest request, ImportOptions options, CancellationToken cancellationToken)
    {
        var plans = await ImportPlanner.PlanAsync(request, source.ListAsync, cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var detector = new ChangeDetector(source, logger);
        var catalogOrder = TigerLayers.All.ToList();
        var previews = new List<LayerPreview>();
        foreach (var plan in plans.OrderBy(p => catalogOrder.IndexOf(p.Vintage.Layer)))
        {
            var target = new LayerTarget(options.Schema, plan.Vintage, options.Srid);
            var published = await PartitionBookkeeping.PublishedAsync(connection, target, cancellationToken);
            var decisions = await detector.DecideAsync(plan.Vintage, plan.Partitions(), published, options.Force, request.Counties is not null, cancellationToken);
            previews.Add(new LayerPreview(plan.Vintage.Layer.Key, plan.Vintage.Year, $"{target.Schema}.{target.Table}", decisions, plan.Missing, plan.Notices));
        }

        return previews;
    }
}
