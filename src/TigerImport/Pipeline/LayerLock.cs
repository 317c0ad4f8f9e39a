using Npgsql;
using TigerImport.Load;

namespace TigerImport.Pipeline;

/// <summary>One run at a time per layer table: two runs would drop each other's staging tables.</summary>
internal static class LayerLock
{
    /// <summary>Takes a session advisory lock, released when the connection closes (also when the process dies).</summary>
    public static async Task AcquireAsync(NpgsqlConnection connection, LayerTarget target, CancellationToken cancellationToken)
    {
        var acquired = await Db.ScalarAsync<bool>(
            connection, "SELECT pg_try_advisory_lock(hashtextextended($1, 0))", cancellationToken, $"tigerimport {target.Schema}.{target.Table}");
        if (!acquired)
        {
            throw new TigerImportException(FailureKind.Database, $"Another run is importing {target.Schema}.{target.Table}; try again when it has finished.");
        }
    }
}
