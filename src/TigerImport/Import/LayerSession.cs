using Npgsql;
using TigerImport.Database;

namespace TigerImport.Import;

/// <summary>
/// The connection a layer is loaded and published on, holding the locks of the partitions it loads; or a helper
/// connection (<see cref="OpenHelperAsync"/>) that loads other partitions alongside it under the same locks. When the
/// connection is lost (killed, server restart), <see cref="ReconnectAsync"/> opens a new one and takes the lock again
/// (a helper needs none), so a file can be redone.
/// </summary>
internal sealed class LayerSession : IAsyncDisposable
{
    private readonly NpgsqlDataSource dataSource;
    private readonly LayerTarget target;
    private readonly IReadOnlyCollection<string> parts;
    private readonly TimeSpan lockWait;
    private readonly bool holdsLocks;

    private LayerSession(NpgsqlDataSource dataSource, LayerTarget target, IReadOnlyCollection<string> parts, TimeSpan lockWait, NpgsqlConnection connection, bool holdsLocks = true)
    {
        this.dataSource = dataSource;
        this.target = target;
        this.parts = parts;
        this.lockWait = lockWait;
        this.holdsLocks = holdsLocks;
        Connection = connection;
    }

    public NpgsqlConnection Connection { get; private set; }

    /// <summary>Opens a connection holding the locks of these partitions of the layer, waiting up to <paramref name="lockWait"/> for them.</summary>
    public static async Task<LayerSession> OpenAsync(
        NpgsqlDataSource dataSource, LayerTarget target, IReadOnlyCollection<string> parts, TimeSpan lockWait, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            await LayerLock.AcquireAsync(connection, target, parts, lockWait, cancellationToken);
            return new LayerSession(dataSource, target, parts, lockWait, connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>A second connection loading partitions under this session's locks (which stay with this session).</summary>
    public async Task<LayerSession> OpenHelperAsync(CancellationToken cancellationToken) =>
        new(dataSource, target, parts, lockWait, await dataSource.OpenConnectionAsync(cancellationToken), holdsLocks: false);

    /// <summary>
    /// Runs <paramref name="work"/> on this session's connection. A lost connection (a killed backend, a failover) rolls
    /// back what the work did with it, so the work runs once more on a new connection (<paramref name="retrying"/> is
    /// told why); a second loss is a database failure naming <paramref name="what"/>.
    /// </summary>
    public async Task<T> SurvivingOneLostConnectionAsync<T>(string what, Func<NpgsqlConnection, Task<T>> work, Action<string> retrying, CancellationToken cancellationToken)
    {
        try
        {
            return await work(Connection);
        }
        catch (NpgsqlException e) when (PostgresFailures.IsConnectionLost(e, Connection) && !cancellationToken.IsCancellationRequested)
        {
            retrying(PostgresFailures.DescribeLost(e));
        }

        await ReconnectAsync(cancellationToken);
        try
        {
            return await work(Connection);
        }
        catch (NpgsqlException e) when (PostgresFailures.IsConnectionLost(e, Connection) && !cancellationToken.IsCancellationRequested)
        {
            throw new TigerImportException(FailureKind.Database, $"the database connection was lost twice while {what}: {PostgresFailures.DescribeLost(e)}", e);
        }
    }

    /// <summary>Replaces a lost connection. Another run may have taken the lock in between: then this fails as usual.</summary>
    public async Task ReconnectAsync(CancellationToken cancellationToken)
    {
        await Connection.DisposeAsync();
        Connection = holdsLocks
            ? (await OpenAsync(dataSource, target, parts, lockWait, cancellationToken)).Connection
            : await dataSource.OpenConnectionAsync(cancellationToken);
    }

    /// <summary>Releases the locks first: a pooled connection keeps its session, and its locks, until reused.</summary>
    public async ValueTask DisposeAsync()
    {
        if (holdsLocks)
        {
            await LayerLock.ReleaseAsync(Connection);
        }

        await Connection.DisposeAsync();
    }
}
