using Npgsql;
using TigerImport.Load;

namespace TigerImport.Pipeline;

/// <summary>
/// The connection a layer is loaded and published on, holding the locks of the partitions it loads. When the connection is lost (killed,
/// server restart), <see cref="ReconnectAsync"/> opens a new one and takes the lock again, so a file can be redone.
/// </summary>
internal sealed class LayerSession : IAsyncDisposable
{
    private readonly NpgsqlDataSource dataSource;
    private readonly LayerTarget target;
    private readonly IReadOnlyCollection<string> parts;
    private readonly TimeSpan lockWait;

    private LayerSession(NpgsqlDataSource dataSource, LayerTarget target, IReadOnlyCollection<string> parts, TimeSpan lockWait, NpgsqlConnection connection)
    {
        this.dataSource = dataSource;
        this.target = target;
        this.parts = parts;
        this.lockWait = lockWait;
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

    /// <summary>Replaces a lost connection. Another run may have taken the lock in between: then this fails as usual.</summary>
    public async Task ReconnectAsync(CancellationToken cancellationToken)
    {
        await Connection.DisposeAsync();
        var replacement = await OpenAsync(dataSource, target, parts, lockWait, cancellationToken);
        Connection = replacement.Connection;
    }

    /// <summary>Releases the locks first: a pooled connection keeps its session, and its locks, until reused.</summary>
    public async ValueTask DisposeAsync()
    {
        await LayerLock.ReleaseAsync(Connection);
        await Connection.DisposeAsync();
    }
}
