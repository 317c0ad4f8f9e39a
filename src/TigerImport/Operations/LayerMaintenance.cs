using Microsoft.Extensions.Logging;
using Npgsql;
using TigerImport.Catalog;
using TigerImport.Database;
using TigerImport.Import;

namespace TigerImport.Operations;

/// <summary>
/// The shape of the verbs that work on published layers one at a time (revert, prune-backups): journaled like an
/// import, each layer under its lock, on one connection.
/// </summary>
internal static class LayerMaintenance
{
    /// <param name="work">What to do to one layer, given its target and the partitions named (null: all); returns the partitions it changed.</param>
    /// <returns>Per layer table, the partitions changed.</returns>
    public static async Task<IReadOnlyList<(string Table, IReadOnlyList<string> Parts)>> RunAsync(
        NpgsqlDataSource dataSource,
        ILogger logger,
        Guid runId,
        string command,
        ImportRequest request,
        ImportOptions options,
        Func<NpgsqlConnection, LayerTarget, IReadOnlyCollection<string>?, Task<IReadOnlyList<string>>> work,
        CancellationToken cancellationToken)
    {
        await using var journal = new RunJournal(dataSource, options.Schema, runId, logger);
        await journal.BeginAsync(command, null, request, options.Srid, cancellationToken);
        var status = "failed"; // also when a bug escapes: only a stop is 'cancelled'
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            var parts = request.States?.Select(s => s.Fips).ToList();
            // The import's check, on the tables this verb alters: a table owned by another role is named with its owner and the fix.
            await RoleRights.RequireAsync(connection, options.Schema, request.Layers.Select(l => new LayerTables(l.InYear(request.Year).TableName, parts)).ToList(), [], cancellationToken);
            var done = new List<(string, IReadOnlyList<string>)>();
            foreach (var layer in request.Layers)
            {
                var target = new LayerTarget(options.Schema, layer.InYear(request.Year), options.Srid);
                try
                {
                    // The named partitions, or (none named) the whole layer: it waits for every import of the layer.
                    await LayerLock.AcquireAsync(connection, target, parts, options.LockWait, cancellationToken);
                    done.Add(($"{target.Schema}.{target.Table}", await work(connection, target, parts)));
                }
                finally
                {
                    await LayerLock.ReleaseAsync(connection);
                }
            }

            status = "succeeded";
            return done;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            status = "cancelled";
            throw;
        }
        finally
        {
            await journal.EndAsync<object>(status, null);
        }
    }
}
