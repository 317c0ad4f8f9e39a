using System.Net;

namespace TigerImport.Sources.Http;

/// <summary>
/// Follows redirects (301, 302, 303, 307, 308) only to the scheme the request used: https to https, http to http. A
/// redirect to <c>file://</c>, <c>ftp://</c> or across http and https is a source fault naming the target, never
/// followed; after <c>maxRedirects</c> hops the last 3xx is the answer (a loop is a status fault). Headers of the
/// original request (User-Agent, Range, If-Range) go along; a redirect never carries a body here (GET and HEAD only).
/// </summary>
internal sealed class SameSchemeRedirects(int maxRedirects) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        for (var hop = 0; hop < maxRedirects && IsRedirect(response.StatusCode) && response.Headers.Location is { } location; hop++)
        {
            var from = request.RequestUri!;
            var target = location.IsAbsoluteUri ? location : new Uri(from, location);
            if (!string.Equals(target.Scheme, from.Scheme, StringComparison.OrdinalIgnoreCase))
            {
                response.Dispose();
                throw new DownloadFault(
                    DownloadFaultKind.Redirect,
                    $"redirected to {SafeUrl.Display(target)}, which is not {from.Scheme}://: only redirects to the same scheme are followed (point --source at the final address instead)")
                {
                    StatusCode = response.StatusCode,
                };
            }

            response.Dispose();
            var next = new HttpRequestMessage(request.Method, target) { Version = request.Version };
            foreach (var header in request.Headers)
            {
                next.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            request = next;
            response = await base.SendAsync(request, cancellationToken);
        }

        return response;
    }

    private static bool IsRedirect(HttpStatusCode status) =>
        status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;
}
