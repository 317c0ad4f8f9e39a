using System.Net.Sockets;
using System.Text;

namespace TigerImport.Tests.Support;

/// <summary>
/// One request on one connection of the <see cref="FaultServer"/>, and the raw means to answer it: a head, body bytes
/// (each write flushed), then a clean end (FIN) or a reset (RST). Raw sockets stage what a framework would smooth
/// over: a body that ends short of Content-Length, a reset mid-body, a stall.
/// </summary>
internal sealed class FaultExchange
{
    private static readonly Dictionary<int, string> Reasons = new()
    {
        [200] = "OK",
        [206] = "Partial Content",
        [403] = "Forbidden",
        [404] = "Not Found",
        [416] = "Range Not Satisfiable",
        [429] = "Too Many Requests",
        [500] = "Internal Server Error",
        [502] = "Bad Gateway",
        [503] = "Service Unavailable",
    };

    private readonly Socket socket;
    private readonly NetworkStream stream;

    private FaultExchange(Socket socket, string method, string path, Dictionary<string, string> headers, CancellationToken aborted)
    {
        this.socket = socket;
        stream = new NetworkStream(socket, ownsSocket: false);
        Method = method;
        Path = path;
        Headers = headers;
        Aborted = aborted;
    }

    /// <summary>GET, or HEAD (a probe for validators: the head is sent, the body never).</summary>
    public string Method { get; }

    public string Path { get; }

    /// <summary>Body bytes sent so far (none for a HEAD).</summary>
    public long BodyBytes { get; private set; }

    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>Cancelled when the server stops.</summary>
    public CancellationToken Aborted { get; }

    /// <summary>True once the connection was ended (cleanly or not) by the responder.</summary>
    public bool Ended { get; private set; }

    public string Header(string name) => Headers.TryGetValue(name, out var value) ? value : "";

    /// <summary>Reads a request head (no body: the sources only GET); null when the client closed first.</summary>
    public static async Task<FaultExchange?> ReadAsync(Socket socket, CancellationToken cancellationToken)
    {
        var seen = new StringBuilder();
        var buffer = new byte[4096];
        while (!seen.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await socket.ReceiveAsync(buffer, cancellationToken);
            if (read == 0)
            {
                return null;
            }

            seen.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        var lines = seen.ToString()[..seen.ToString().IndexOf("\r\n\r\n", StringComparison.Ordinal)].Split("\r\n");
        var (method, path) = (lines[0].Split(' ')[0], lines[0].Split(' ')[1]);
        var headers = lines.Skip(1)
            .Select(line => line.Split(':', 2))
            .Where(parts => parts.Length == 2)
            .GroupBy(parts => parts[0].Trim(), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Last()[1].Trim(), StringComparer.OrdinalIgnoreCase);
        return new FaultExchange(socket, method, path, headers, cancellationToken);
    }

    /// <summary>The status line and headers; every response closes its connection (HttpClient opens a new one).</summary>
    public async Task SendHeadAsync(int status, IEnumerable<(string Name, string Value)> headers)
    {
        var head = new StringBuilder($"HTTP/1.1 {status} {Reasons.GetValueOrDefault(status, "Status")}\r\n");
        foreach (var (name, value) in headers)
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        head.Append("Connection: close\r\n\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), Aborted);
    }

    public async Task SendAsync(ReadOnlyMemory<byte> bytes)
    {
        if (Method == "HEAD")
        {
            return;
        }

        BodyBytes += bytes.Length;
        await stream.WriteAsync(bytes, Aborted);
        await stream.FlushAsync(Aborted);
    }

    /// <summary>FIN: the client sees the end of the stream, whatever Content-Length promised.</summary>
    public void EndCleanly()
    {
        if (Ended)
        {
            return;
        }

        Ended = true;
        try
        {
            socket.Shutdown(SocketShutdown.Send);
        }
        catch (SocketException)
        {
            // The client is already gone.
        }
    }

    /// <summary>RST: the connection is torn down, as by a proxy or a crashed server.</summary>
    public void Reset()
    {
        Ended = true;
        socket.LingerState = new LingerOption(true, 0);
        socket.Close();
    }
}
