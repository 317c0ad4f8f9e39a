using System.Net;
using System.Net.Sockets;
using System.Text;

namespace TigerImport.Tests.Support;

/// <summary>
/// A raw HTTP/1.1 server for the one fault Kestrel will not stage: a body that ends cleanly (FIN, not a reset) before
/// Content-Length. Kestrel resets a connection whose response is short, which is the "cut mid-body" fault instead.
/// The first <c>shortAnswers</c> requests get the file minus its last <c>missing</c> bytes; later ones get it whole.
/// No Accept-Ranges: every attempt asks for the whole file.
/// </summary>
internal sealed class ShortBodyServer : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly byte[] bytes;
    private readonly int missing;
    private readonly int shortAnswers;
    private readonly Task accepting;
    private int requests;

    public ShortBodyServer(byte[] bytes, int missing, int shortAnswers)
    {
        this.bytes = bytes;
        this.missing = missing;
        this.shortAnswers = shortAnswers;
        listener.Start();
        BaseUrl = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");
        accepting = AcceptAsync();
    }

    /// <summary>Any path below it answers with the file.</summary>
    public Uri BaseUrl { get; }

    public int Requests => Volatile.Read(ref requests);

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        try
        {
            await accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            using var client = await listener.AcceptTcpClientAsync(stop.Token);
            var n = Interlocked.Increment(ref requests);
            var stream = client.GetStream();
            await ReadHeadersAsync(stream);
            var send = n <= shortAnswers ? bytes.Length - missing : bytes.Length;
            var head = $"HTTP/1.1 200 OK\r\nContent-Type: application/zip\r\nContent-Length: {bytes.Length}\r\nConnection: close\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head), stop.Token);
            await stream.WriteAsync(bytes.AsMemory(0, send), stop.Token);
            await stream.FlushAsync(stop.Token);
            client.Client.Shutdown(SocketShutdown.Send); // a clean end of stream, short of Content-Length
        }
    }

    private async Task ReadHeadersAsync(NetworkStream stream)
    {
        var seen = new StringBuilder();
        var buffer = new byte[1024];
        while (!seen.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, stop.Token);
            if (read == 0)
            {
                return;
            }

            seen.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }
    }
}
