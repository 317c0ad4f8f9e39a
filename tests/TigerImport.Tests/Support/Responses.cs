using System.Globalization;
using System.Text;

namespace TigerImport.Tests.Support;

/// <summary>What the fault server can answer: a good file (with Range support), a status, a cut or short body, HTML, a stall.</summary>
internal static class Responses
{
    public const string ETag = "\"tiger-test-1\"";

    /// <summary>Files go out in flushed 64 KB writes, as a file server sends them.</summary>
    private const int Chunk = 64 * 1024;

    /// <summary>The file, honouring <c>Range: bytes=N-</c> (206 with Content-Range) unless <paramref name="ranges"/> is false.</summary>
    public static Func<FaultExchange, Task> File(byte[] bytes, bool ranges = true, int delayMs = 0) => async exchange =>
    {
        if (delayMs > 0)
        {
            await Task.Delay(delayMs, exchange.Aborted);
        }

        var from = ranges ? RangeStart(exchange) : 0;
        await HeadAsync(exchange, bytes.Length, from, ranges);
        await SendAsync(exchange, bytes, from, bytes.Length - from);
    };

    /// <summary>
    /// The whole file (GET) or its head (HEAD) with the validators given, as a mirror publishes a release: an ETag and a
    /// Last-Modified, either, or neither (a server that gives none).
    /// </summary>
    public static Func<FaultExchange, Task> Release(byte[] bytes, string? etag, DateTimeOffset? lastModified) => async exchange =>
    {
        var headers = new List<(string, string)> { ("Content-Type", "application/zip"), ("Content-Length", bytes.Length.ToString(CultureInfo.InvariantCulture)) };
        if (etag is not null)
        {
            headers.Add(("ETag", etag));
        }

        if (lastModified is { } modified)
        {
            headers.Add(("Last-Modified", modified.ToString("R", CultureInfo.InvariantCulture)));
        }

        await exchange.SendHeadAsync(200, headers);
        await SendAsync(exchange, bytes, 0, bytes.Length);
    };

    /// <summary>The head for the whole file (or the range asked), <paramref name="send"/> bytes, then a reset (RST).</summary>
    public static Func<FaultExchange, Task> CutAfter(byte[] bytes, int send, bool ranges = true) => async exchange =>
    {
        var from = ranges ? RangeStart(exchange) : 0;
        await HeadAsync(exchange, bytes.Length, from, ranges);
        await SendAsync(exchange, bytes, from, Math.Min(send, bytes.Length - from));
        exchange.Reset();
    };

    /// <summary>Content-Length says the whole file; the body ends cleanly (FIN) <paramref name="missing"/> bytes short. No Accept-Ranges.</summary>
    public static Func<FaultExchange, Task> Short(byte[] bytes, int missing) => async exchange =>
    {
        await HeadAsync(exchange, bytes.Length, 0, ranges: false);
        await SendAsync(exchange, bytes, 0, bytes.Length - missing);
        exchange.EndCleanly();
    };

    /// <summary>The head and the first <paramref name="send"/> bytes, then nothing for <paramref name="stallMs"/>, then a reset.</summary>
    public static Func<FaultExchange, Task> Stall(byte[] bytes, int send, int stallMs) => async exchange =>
    {
        var from = RangeStart(exchange);
        await HeadAsync(exchange, bytes.Length, from, ranges: true);
        await SendAsync(exchange, bytes, from, Math.Min(send, bytes.Length - from));
        await Task.Delay(stallMs, exchange.Aborted);
        exchange.Reset();
    };

    public static Func<FaultExchange, Task> Status(int status, int? retryAfterSeconds = null) =>
        Html(status, $"<html><body>{status}</body></html>", retryAfterSeconds);

    public static Func<FaultExchange, Task> Html(int status, string html, int? retryAfterSeconds = null) => async exchange =>
    {
        var body = Encoding.UTF8.GetBytes(html);
        var headers = new List<(string, string)> { ("Content-Type", "text/html; charset=utf-8"), ("Content-Length", body.Length.ToString(CultureInfo.InvariantCulture)) };
        if (retryAfterSeconds is { } seconds)
        {
            headers.Add(("Retry-After", seconds.ToString(CultureInfo.InvariantCulture)));
        }

        await exchange.SendHeadAsync(status, headers);
        await exchange.SendAsync(body);
    };

    /// <summary>An Apache-style directory index, as www2.census.gov serves it.</summary>
    public static Func<FaultExchange, Task> Listing(string directory, IEnumerable<string> names) => Html(200, ApacheIndex(directory, names));

    public static string ApacheIndex(string directory, IEnumerable<string> names)
    {
        var parent = directory.TrimEnd('/')[..directory.TrimEnd('/').LastIndexOf('/')];
        var html = new StringBuilder($"""
            <!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 3.2 Final//EN">
            <html><head><title>Index of /geo/tiger/{directory}</title></head><body>
            <h1>Index of /geo/tiger/{directory}</h1>
            <table><tr><th><a href="?C=N;O=D">Name</a></th><th><a href="?C=M;O=A">Last modified</a></th><th><a href="?C=S;O=A">Size</a></th></tr>
            <tr><td><a href="/geo/tiger/{parent}/">Parent Directory</a></td></tr>

            """);
        foreach (var name in names)
        {
            html.AppendLine($"""<tr><td><a href="{name}">{name}</a></td><td align="right">2024-09-05 10:12  </td><td align="right">1.2M</td></tr>""");
        }

        return html.Append("</table></body></html>").ToString();
    }

    private static Task HeadAsync(FaultExchange exchange, int total, int from, bool ranges)
    {
        var headers = new List<(string, string)> { ("Content-Type", "application/zip"), ("Content-Length", (total - from).ToString(CultureInfo.InvariantCulture)) };
        if (ranges)
        {
            headers.Add(("Accept-Ranges", "bytes"));
            headers.Add(("ETag", ETag));
        }

        if (from > 0)
        {
            headers.Add(("Content-Range", $"bytes {from}-{total - 1}/{total}"));
        }

        return exchange.SendHeadAsync(from > 0 ? 206 : 200, headers);
    }

    private static async Task SendAsync(FaultExchange exchange, byte[] bytes, int from, int count)
    {
        for (var offset = from; offset < from + count; offset += Chunk)
        {
            await exchange.SendAsync(bytes.AsMemory(offset, Math.Min(Chunk, from + count - offset)));
        }
    }

    /// <summary>The N of <c>Range: bytes=N-</c>, when If-Range (if any) still matches; 0 otherwise (send it all).</summary>
    private static int RangeStart(FaultExchange exchange)
    {
        var range = exchange.Header("Range");
        var ifRange = exchange.Header("If-Range");
        if (!range.StartsWith("bytes=", StringComparison.Ordinal) || !range.EndsWith('-') || (ifRange.Length > 0 && ifRange != ETag))
        {
            return 0;
        }

        return int.Parse(range["bytes=".Length..^1], CultureInfo.InvariantCulture);
    }
}
