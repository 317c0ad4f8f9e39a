using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using TigerImport.Archive;

namespace TigerImport.Sources.Http;

/// <summary>
/// Downloads one URL to a verified zip in the temp folder. The retries wrap the whole download; an attempt after a cut
/// connection or a stall resumes with a Range request when the server offered one (Accept-Ranges, a validator for
/// If-Range, a Content-Range that fits). Nothing is handed on before Content-Length matched and every member's CRC-32
/// checked: a short body, an HTML page or a damaged zip never reaches the loader.
/// </summary>
internal sealed class HttpFileDownloader(HttpClient client, DownloadResilience resilience, DownloadFolder folder, DownloadPolicy policy, ILogger logger)
{
    /// <summary>Enough of a 403 body to recognise Census's "you have been blocked" page and quote it.</summary>
    private const int ErrorBodyPeek = 16 * 1024;

    public async Task<FetchedFile> DownloadAsync(Uri url, string fileName, CancellationToken cancellationToken)
    {
        var display = SafeUrl.Display(url);
        var clock = Stopwatch.StartNew();
        var state = new AttemptState();
        using var partial = folder.Create(fileName);
        try
        {
            await resilience.ExecuteAsync("download", display, token => AttemptAsync(url, display, partial, state, token), cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && HttpFailureExplanation.Explain(e, display, state.Attempts, policy, resilience.BreakReason) is { } error)
        {
            Log.DownloadFailed(logger, fileName, display, state.Attempts, clock.ElapsedMilliseconds, error.Message);
            throw error;
        }
        finally
        {
            folder.Statistics.Downloaded(partial.BytesReceived);
        }

        var fetched = partial.Complete();
        folder.Statistics.FileDownloaded();
        Log.DownloadFinished(logger, "download", fileName, display, partial.Length, state.Attempts, clock.ElapsedMilliseconds);
        return fetched;
    }

    private async Task AttemptAsync(Uri url, string display, PartialFile partial, AttemptState state, CancellationToken cancellationToken)
    {
        state.Attempts++;
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        var offset = partial.Length;
        if (offset > 0 && state.Validator is not null)
        {
            request.Headers.Range = new RangeHeaderValue(offset, null);
            request.Headers.IfRange = state.Validator;
            Log.DownloadResuming(logger, display, offset, state.Total ?? -1);
        }
        else
        {
            partial.Reset();
            offset = 0;
        }

        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        idle.CancelAfter(policy.IdleTimeout);
        using var response = await StallGuard(() => client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, idle.Token), idle, "no response", cancellationToken);
        var complete = false;
        switch (response.StatusCode)
        {
            case HttpStatusCode.OK:
                // A full body: the first answer, or the server ignored the range or the file changed (If-Range).
                partial.Reset();
                state.Total = response.Content.Headers.ContentLength;
                state.Validator = response.Headers.AcceptRanges.Contains("bytes") ? ValidatorOf(response) : null;
                break;
            case HttpStatusCode.PartialContent when offset > 0:
                CheckContentRange(response.Content.Headers.ContentRange, offset, state, partial);
                break;
            case HttpStatusCode.RequestedRangeNotSatisfiable when offset > 0 && response.Content.Headers.ContentRange?.Length == offset && offset == state.Total:
                complete = true; // the previous attempt had every byte; only the end of the exchange was lost
                break;
            case HttpStatusCode.NotFound or HttpStatusCode.Gone:
                throw HttpStatusFault.Of(response);
            case HttpStatusCode.Forbidden:
                throw HttpStatusFault.Of(response, await ForbiddenMessageAsync(response, idle.Token));
            default:
                partial.Reset();
                throw HttpStatusFault.Of(response);
        }

        if (!complete)
        {
            await using var body = await response.Content.ReadAsStreamAsync(idle.Token);
            try
            {
                await StallGuard(
                    async () => { await partial.AppendAsync(body, idle, policy.IdleTimeout, policy.StallMinimumBytes, cancellationToken); return true; },
                    idle,
                    $"the body stalled (fewer than {policy.StallMinimumBytes:N0} bytes in {policy.IdleTimeout.TotalSeconds:0.###} s)",
                    cancellationToken);
            }
            catch (DownloadFault stalled) when (stalled.Kind == DownloadFaultKind.Stalled && state.Total is { } promised && partial.Length > 0 && partial.Length < promised)
            {
                await ThrowIfLyingLengthAsync(partial, promised, cancellationToken);
                throw;
            }
        }

        if (state.Total is { } total && partial.Length != total)
        {
            if (partial.Length > total)
            {
                partial.Reset();
            }

            throw new DownloadFault(DownloadFaultKind.Incomplete, $"the body ended at {partial.Length:N0} of {total:N0} bytes (Content-Length)");
        }

        if (await ZipFileCheck.FindDefectAsync(partial.Path, cancellationToken) is { } defect)
        {
            var length = partial.Length;
            partial.Reset();
            if (defect.Kind == ZipDefectKind.HtmlPage)
            {
                throw new DownloadFault(
                    DownloadFaultKind.HtmlPage,
                    $"the server sent an HTML page (status {(int)response.StatusCode}, {length:N0} bytes) instead of the zip: an error or \"you have been blocked\" page.");
            }

            state.Corrupt++;
            throw new DownloadFault(DownloadFaultKind.Corrupt, $"all {length:N0} bytes arrived but {ZipFileCheck.Describe(defect, "the download")}") { Occurrence = state.Corrupt };
        }
    }

    /// <summary>
    /// A body that stopped short of Content-Length on a connection held open, whose bytes so far are a complete, sound
    /// zip: the header lies, and every resumed attempt would wait the idle timeout again for bytes that never come.
    /// </summary>
    private async Task ThrowIfLyingLengthAsync(PartialFile partial, long promised, CancellationToken cancellationToken)
    {
        if (await ZipFileCheck.FindDefectAsync(partial.Path, cancellationToken) is not null)
        {
            return;
        }

        var sent = partial.Length;
        partial.Reset();
        throw new DownloadFault(
            DownloadFaultKind.LyingLength,
            $"Content-Length promised {promised:N0} bytes, but the server sent {sent:N0} (a complete zip) and then held the connection open for {policy.IdleTimeout.TotalSeconds:0.###} s: its Content-Length is wrong (a misconfigured server or proxy), so the file is not trusted. Nothing was loaded from it.");
    }

    /// <summary>Turns the idle timer firing into a <see cref="DownloadFaultKind.Stalled"/> fault; the caller's own cancellation passes through.</summary>
    private async Task<T> StallGuard<T>(Func<Task<T>> work, CancellationTokenSource idle, string what, CancellationToken cancellationToken)
    {
        try
        {
            return await work();
        }
        catch (OperationCanceledException) when (idle.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new DownloadFault(DownloadFaultKind.Stalled, what.StartsWith("the body", StringComparison.Ordinal) ? what : $"{what}: nothing received for {policy.IdleTimeout.TotalSeconds:0.###} s");
        }
    }

    private static void CheckContentRange(ContentRangeHeaderValue? range, long offset, AttemptState state, PartialFile partial)
    {
        if (range is { Unit: "bytes", From: { } from, Length: { } length } && from == offset && (state.Total is null || state.Total == length))
        {
            state.Total = length;
            return;
        }

        partial.Reset();
        throw new DownloadFault(DownloadFaultKind.Incomplete, $"asked for bytes {offset}- but the server sent Content-Range '{range}'; starting over");
    }

    /// <summary>A strong ETag, else Last-Modified: what If-Range needs so a changed file is sent whole rather than spliced.</summary>
    private static RangeConditionHeaderValue? ValidatorOf(HttpResponseMessage response) =>
        response.Headers.ETag is { IsWeak: false } etag ? new RangeConditionHeaderValue(etag)
        : response.Content.Headers.LastModified is { } modified ? new RangeConditionHeaderValue(modified)
        : null;

    private static async Task<string> ForbiddenMessageAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var buffer = new byte[ErrorBodyPeek];
        int read;
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            read = await body.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            read = 0;
        }

        var text = System.Text.Encoding.UTF8.GetString(buffer, 0, read);
        return text.Contains("blocked", StringComparison.OrdinalIgnoreCase)
            ? "403 Forbidden: the server says this address has been blocked."
            : "403 Forbidden.";
    }

    /// <summary>What one download has learned across its attempts.</summary>
    private sealed class AttemptState
    {
        public int Attempts { get; set; }

        public long? Total { get; set; }

        /// <summary>Set when the server accepts ranges and gave a validator; null means every attempt starts over.</summary>
        public RangeConditionHeaderValue? Validator { get; set; }

        public int Corrupt { get; set; }
    }
}
