using Microsoft.Extensions.Logging;
using Npgsql;
using TigerImport.Catalog;
using TigerImport.Import;
using TigerImport.Publish;

namespace TigerImport.Operations.Revert;

/// <summary>Runs <c>tigerimport revert</c>: the publish rotation, started from the backup schema.</summary>
public sealed class Reverter(NpgsqlDataSource dataSource, ILogger logger)
{
    /// <summary>Restores each named layer's previous version (per state where states are named).</summary>
    public Task<IReadOnlyList<(string Table, IReadOnlyList<string> Parts)>> RevertAsync(
        Guid runId, ImportRequest request, ImportOptions options, CancellationToken cancellationToken)
    {
        var rotator = new PartitionRotator(logger);
        return LayerMaintenance.RunAsync(
            dataSource,
            logger,
            runId,
            "revert",
            request,
            options,
            async (connection, target, parts) =>
            {
                var done = await rotator.RevertAsync(connection, target, parts, cancellationToken);
                if (done.Count == 0)
                {
                    throw new TigerImportException(
                        FailureKind.Usage,
                        $"{target.Schema}.{target.Table} has no previous version to revert to{(parts is null ? "" : " for the states named")}: revert restores what the last import replaced, so a layer must have been imported twice (check --year, --layers, --schema{(parts is null ? "" : ", --states")}).");
                }

                Log.Reverted(logger, $"{target.Schema}.{target.Table}", string.Join(",", done));
                return done;
            },
            cancellationToken);
    }
}
