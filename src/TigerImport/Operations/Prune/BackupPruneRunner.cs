using Microsoft.Extensions.Logging;
using Npgsql;
using TigerImport.Catalog;
using TigerImport.Import;
using TigerImport.Publish;

namespace TigerImport.Operations.Prune;

/// <summary>Runs <c>tigerimport prune-backups</c>: drops the backups of the named layers (per state where states are named), each under its layer's lock.</summary>
public sealed class BackupPruneRunner(NpgsqlDataSource dataSource, ILogger logger)
{
    /// <returns>Per layer table, the partitions whose backup was dropped.</returns>
    public Task<IReadOnlyList<(string Table, IReadOnlyList<string> Parts)>> PruneAsync(
        Guid runId, ImportRequest request, ImportOptions options, CancellationToken cancellationToken) =>
        LayerMaintenance.RunAsync(
            dataSource,
            logger,
            runId,
            "prune-backups",
            request,
            options,
            (connection, target, parts) => BackupPruner.PruneAsync(connection, target, parts, logger, cancellationToken),
            cancellationToken);
}
