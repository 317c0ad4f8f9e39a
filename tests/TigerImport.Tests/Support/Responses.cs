using System.Text;
using Microsoft.AspNetCore.Http;

namespace TigerImport.Tests.Support;

/// <summary>What the fault server can answer: a good file (with Range support), a status, a cut or short body, HTML, a stall.</summary>
internal static class Responses
{
    public const string ETag = "\"tiger-test-1\"";

    /// <summary>The file, honouring <c>Range: bytes=N-</c> (206 with Content-Range) unless <paramref name="ranges"/> is false.</summary>
    public static Func<HttpContext, Task> File(byte[] bytes, bool ranges = true, int delayMs = 0) => async context =>
    {
        if (delayMs > 0)
        {
            await Task.Delay(delayMs, context.RequestAborted);
        }

        var from = ranges ? RangeStart(context) : 0;
        await WriteAsync(context, bytes, from, bytes.Length - from, ranges);
    };

    /// <summary>Headers for the whole (or the asked range of the) file, then only <paramref name="send"/> bytes, then the connection is cut.</summary>
    public static Func<HttpContext, Task> CutAfter(byte[] bytes, int send) => async context =>
    {
        var from = RangeStart(context);
        Head(context, bytes.Length, from, ranges: true);
        await context.Response.Body.WriteAsync(bytes.AsMemory(from, Math.Min(send, bytes.Length - from)), context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
        context.Abort();
    };

    /// <summary>
    /// Content-Length says the whole file, <paramref name="missing"/> bytes fewer are sent, then the connection is reset
    /// (Kestrel resets a short response anyway; <see cref="ShortBodyServer"/> ends one cleanly). No Accept-Ranges.
    /// </summary>
    public static Func<HttpContext, Task> Short(byte[] bytes, int missing) => async context =>
    {
        Head(context, bytes.Length, 0, ranges: false);
        await context.Response.Body.WriteAsync(bytes.AsMemory(0, bytes.Length - missing), context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
        context.Abort();
    };

    /// <summary>Headers and the first <paramref name="send"/> bytes, then nothing for <paramref name="stallMs"/>.</summary>
    public static Func<HttpContext, Task> Stall(byte[] bytes, int send, int stallMs) => async context =>
    {
        var from = RangeStart(context);
        Head(context, bytes.Length, from, ranges: true);
        await context.Response.Body.WriteAsync(bytes.AsMemory(from, Math.Min(send, bytes.Length - from)), context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
        try
        {
            await Task.Delay(stallMs, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            return; // the client gave up, as it should
        }

        context.Abort();
    };

    public static Func<HttpContext, Task> Status(int status, int? retryAfterSeconds = null) => async context =>
    {
        context.Response.StatusCode = status;
        if (retryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        context.Response.ContentType = "text/html";
        await context.Response.WriteAsync($"<html><body>{status}</body></html>", context.RequestAborted);
    };

    public static Func<HttpContext, Task> Html(int status, string html) => async context =>
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(html, context.RequestAborted);
    };

    /// <summary>An Apache-style directory index, as www2.census.gov serves it.</summary>
    public static Func<HttpContext, Task> Listing(string directory, IEnumerable<string> names) => Html(200, ApacheIndex(directory, names));

    public static string ApacheIndex(string directory, IEnumerable<string> names)
    {
        var html = new StringBuilder($"""
            <!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 3.2 Final//EN">
            <html><head><title>Index of /geo/tiger/{directory}</title></head><body>
            <h1>Index of /geo/tiger/{directory}</h1>
            <table><tr><th><a href="?C=N;O=D">Name</a></th><th><a href="?C=M;O=A">Last modified</a></th><th><a href="?C=S;O=A">Size</a></th></tr>
            <tr><td><a href="/geo/tiger/{directory.TrimEnd('/')[..directory.TrimEnd('/').LastIndexOf('/')]}/">Parent Directory</a></td></tr>

            """);
        foreach (var name in names)
        {
            html.AppendLine($"""<tr><td><a href="{name}">{name}</a></td><td align="right">2024-09-05 10:12  </td><td align="right">1.2M</td></tr>""");
        }

        return html.Append("</table></body></html>").ToString();
    }

    /// <summary>In 64 KB writes, each flushed, as a file server does: one huge write would sit whole in Kestrel's buffers.</summary>
    private static async Task WriteAsync(HttpContext context, byte[] bytes, int from, int count, bool ranges)
    {
        const int chunk = 64 * 1024;
        Head(context, bytes.Length, from, ranges);
        for (var offset = from; offset < from + count; offset += chunk)
        {
            await context.Response.Body.WriteAsync(bytes.AsMemory(offset, Math.Min(chunk, from + count - offset)), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
        }
    }

    private static void Head(HttpContext context, int total, int from, bool ranges)
    {
        context.Response.ContentType = "application/zip";
        if (ranges)
        {
            context.Response.Headers.AcceptRanges = "bytes";
            context.Response.Headers.ETag = ETag;
        }

        if (from > 0)
        {
            context.Response.StatusCode = StatusCodes.Status206PartialContent;
            context.Response.Headers.ContentRange = $"bytes {from}-{total - 1}/{total}";
        }

        context.Response.ContentLength = total - from;
    }

    /// <summary>The N of <c>Range: bytes=N-</c>, when If-Range (if any) still matches; 0 otherwise (send it all).</summary>
    private static int RangeStart(HttpContext context)
    {
        var range = context.Request.Headers.Range.ToString();
        var ifRange = context.Request.Headers.IfRange.ToString();
        if (!range.StartsWith("bytes=", StringComparison.Ordinal) || !range.EndsWith('-') || (ifRange.Length > 0 && ifRange != ETag))
        {
            return 0;
        }

        return int.Parse(range["bytes=".Length..^1], System.Globalization.CultureInfo.InvariantCulture);
    }
}
