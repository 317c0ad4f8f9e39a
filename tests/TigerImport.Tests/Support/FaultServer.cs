using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TigerImport.Tests.Support;

/// <summary>
/// An in-process Kestrel server on 127.0.0.1 (a free port) playing Census: each path answers its n-th request with the
/// n-th scripted response (the last one repeats). Every request is recorded, and the most requests in flight at once.
/// </summary>
internal sealed class FaultServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, Func<HttpContext, Task>[]> routes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> counts = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<RecordedRequest> requests = new();
    private int inFlight;
    private int maxInFlight;

    private FaultServer(WebApplication app)
    {
        this.app = app;
        app.Run(HandleAsync);
    }

    /// <summary>The base URL, laid out like <c>https://www2.census.gov/geo/tiger/</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    public IReadOnlyList<RecordedRequest> Requests => requests.ToList();

    public int MaxInFlight => Volatile.Read(ref maxInFlight);

    public static async Task<FaultServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var server = new FaultServer(builder.Build());
        await server.app.StartAsync(TestContext.Current.CancellationToken);
        var address = server.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.BaseUrl = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    /// <summary>Scripts a path (below the base, e.g. <c>TIGER2024/PLACE/tl_2024_35_place.zip</c>).</summary>
    public void Map(string path, params Func<HttpContext, Task>[] responses) => routes["/" + path.TrimStart('/')] = responses;

    public IReadOnlyList<RecordedRequest> RequestsTo(string path) => Requests.Where(r => r.Path == "/" + path.TrimStart('/')).ToList();

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync(CancellationToken.None);
        await app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        var now = Interlocked.Increment(ref inFlight);
        for (var max = Volatile.Read(ref maxInFlight); now > max && Interlocked.CompareExchange(ref maxInFlight, now, max) != max; max = Volatile.Read(ref maxInFlight))
        {
        }

        requests.Enqueue(new RecordedRequest(
            path,
            context.Request.Headers.Range.ToString(),
            context.Request.Headers.IfRange.ToString(),
            context.Request.Headers.UserAgent.ToString(),
            DateTimeOffset.UtcNow));
        try
        {
            if (!routes.TryGetValue(path, out var responses))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            var n = counts.AddOrUpdate(path, 1, (_, c) => c + 1);
            await responses[Math.Min(n, responses.Length) - 1](context);
        }
        finally
        {
            Interlocked.Decrement(ref inFlight);
        }
    }
}
