using Npgsql;
using TigerImport.Load;

namespace TigerImport.Pipeline;

/// <summary>
/// The connection a layer is loaded and published on, holding the layer's lock. When the connection is lost (killed,
/// server restart), <see cref="ReconnectAsync"/> opens a new one and takes the lock again, so a file can be redone.
/// </summary>
internal sealed class LayerSession : IAsyncDisposable
{
    private readonly NpgsqlDataSource dataSource;
    private readonly LayerTarget target;

    private LayerSession(NpgsqlDataSource dataSource, LayerTarget target, NpgsqlConnection connection)
    {
        this.dataSource = dataSource;
        this.target = target;
        Connection = connection;
    }

    public NpgsqlConnection Connection { get; private set; }

    public static async Task<LayerSession> OpenAsync(NpgsqlDataSource dataSource, LayerTarget target, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            await LayerLock.AcquireAsync(connection, target, cancellationToken);
            return new LayerSession(dataSource, target, connection);
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
        var replacement = await OpenAsync(dataSource, target, cancellationToken);
        Connection = replacement.Connection;
    }

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}
