using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace TigerImport.Tests.Support;

/// <summary>
/// An in-process HTTP/1.1 server on 127.0.0.1 (a free port) playing Census: each path answers its n-th request with the
/// n-th scripted response (the last one repeats); other paths answer 404. Every request is recorded, and the most
/// requests in flight at once.
/// </summary>
/// <remarks>
/// Raw sockets, not Kestrel: the ASP.NET Core shared framework in the test project would displace the
/// Microsoft.Extensions.* assemblies from the test output folder, where the CLI tests run TigerImport.Cli.dll (which
/// runs on Microsoft.NETCore.App alone). Raw sockets also stage a body that ends cleanly short of Content-Length,
/// which Kestrel turns into a reset.
/// </remarks>
internal sealed class FaultServer : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly ConcurrentDictionary<string, Func<FaultExchange, Task>[]> routes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> counts = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<RecordedRequest> requests = new();
    private readonly ConcurrentDictionary<string, long> bodyBytes = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<Task> connections = [];
    private readonly Task accepting;
    private int inFlight;
    private int maxInFlight;

    private FaultServer()
    {
        listener.Start();
        BaseUrl = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");
        accepting = AcceptAsync();
    }

    /// <summary>The base URL, laid out like <c>https://www2.census.gov/geo/tiger/</c>.</summary>
    public Uri BaseUrl { get; }

    public IReadOnlyList<RecordedRequest> Requests => requests.ToList();

    public int MaxInFlight => Volatile.Read(ref maxInFlight);

    public static Task<FaultServer> StartAsync() => Task.FromResult(new FaultServer());

    /// <summary>Scripts a path (below the base, e.g. <c>TIGER2024/PLACE/tl_2024_35_place.zip</c>).</summary>
    public void Map(string path, params Func<FaultExchange, Task>[] responses) => routes["/" + path.TrimStart('/')] = responses;

    /// <summary>Body bytes sent for a path so far, over every request (HEADs send none).</summary>
    public long BodyBytesTo(string path) => bodyBytes.GetValueOrDefault("/" + path.TrimStart('/'));

    public IReadOnlyList<RecordedRequest> RequestsTo(string path) => Requests.Where(r => r.Path == "/" + path.TrimStart('/')).ToList();

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        await Task.WhenAll(connections.Append(accepting).Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptSocketAsync(stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            connections.Add(Task.Run(() => ServeAsync(socket)));
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        using var _ = socket;
        try
        {
            var exchange = await FaultExchange.ReadAsync(socket, stop.Token);
            if (exchange is null)
            {
                return;
            }

            var now = Interlocked.Increment(ref inFlight);
            for (var max = Volatile.Read(ref maxInFlight); now > max && Interlocked.CompareExchange(ref maxInFlight, now, max) != max; max = Volatile.Read(ref maxInFlight))
            {
            }

            requests.Enqueue(new RecordedRequest(exchange.Path, exchange.Header("Range"), exchange.Header("If-Range"), exchange.Header("User-Agent"), DateTimeOffset.UtcNow, exchange.Method));
            try
            {
                if (routes.TryGetValue(exchange.Path, out var responses))
                {
                    var n = counts.AddOrUpdate(exchange.Path, 1, (_, c) => c + 1);
                    await responses[Math.Min(n, responses.Length) - 1](exchange);
                }
                else
                {
                    await Responses.Status(404)(exchange);
                }

                exchange.EndCleanly();
            }
            finally
            {
                Interlocked.Decrement(ref inFlight);
                bodyBytes.AddOrUpdate(exchange.Path, exchange.BodyBytes, (_, sent) => sent + exchange.BodyBytes);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client gave up (a timeout test) or the server is stopping.
        }
    }
}
