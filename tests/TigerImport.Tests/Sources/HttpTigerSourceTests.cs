using System.Diagnostics;
using TigerImport.Archive;
using TigerImport.Tests.Support;

namespace TigerImport.Tests.Sources;

/// <summary>
/// Census's faults, replayed by a loopback server: each ends in a verified file or a Source error (exit code 3) that
/// names the URL, and a failed download leaves nothing in the temp folder for the loader to pick up.
/// </summary>
public sealed class HttpTigerSourceTests : IAsyncLifetime
{
    private const string PlacePath = "TIGER2024/PLACE/tl_2024_35_place.zip";
    private readonly TempFolder temp = new();
    private FaultServer server = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static byte[] Sample => File.ReadAllBytes(Path.Combine(RepoPaths.Samples, "tl_2024_35_place.zip"));

    public async ValueTask InitializeAsync() => server = await FaultServer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await server.DisposeAsync();
        temp.Dispose();
    }

    [Fact]
    public async Task Downloads_a_sample_byte_for_byte_sending_the_configured_user_agent()
    {
        server.Map(PlacePath, Responses.File(Sample));
        using var source = TestSources.Http(server.BaseUrl, temp.Path);

        using (var fetched = await source.FetchAsync(TestSources.File("tl_2024_35_place.zip"), Cancellation))
        {
            Assert.True(fetched.IsTemporary);
            Assert.Equal(Sample, await File.ReadAllBytesAsync(fetched.Path, Cancellation));
            Assert.EndsWith(".zip", fetched.Path);
            Assert.Single(temp.Files);
        }

        Assert.Empty(temp.Files);
        var request = Assert.Single(server.Requests);
        Assert.Equal(TestSources.UserAgent, request.UserAgent);
        Assert.Equal("", request.Range);
        var totals = source.Statistics.Snapshot();
        Assert.Equal(Sample.Length, totals.BytesDownloaded);
        Assert.Equal(1, totals.FilesDownloaded);
        Assert.Equal(Sample.Length, totals.PeakTempBytes);
        Assert.Equal(0, source.Statistics.TempBytes);
    }

    [Fact]
    public async Task Retries_a_503_twice_then_succeeds_and_logs_each_attempt()
    {
        server.Map(PlacePath, Responses.Status(503), Responses.Status(503), Responses.File(Sample));
        var log = new ListLogger();
        using var source = TestSources.Http(server.BaseUrl, temp.Path, logger: log);

        using var fetched = await source.FetchAsync(TestSources.File("tl_2024_35_place.zip"), Cancellation);

        Assert.Equal(Sample, await File.ReadAllBytesAsync(fetched.Path, Cancellation));
        Assert.Equal(3, server.RequestsTo(PlacePath).Count);
        Assert.Equal([1, 2], log.WithId(31).Select(e => (int)e.Properties["Attempt"]!));
        Assert.All(log.WithId(31), e => Assert.Equal("503 Service Unavailable", e.Properties["Reason"]));
        var finished = Assert.Single(log.WithId(30)).Properties;
        Assert.Equal((server.BaseUrl + PlacePath, 3, (long)Sample.Length), ((string)finished["Url"]!, (int)finished["Attempts"]!, (long)finished["Bytes"]!));
    }

    [Fact]
    public async Task Waits_as_long_as_Retry_After_asks_on_a_429()
    {
        server.Map(PlacePath, Responses.Status(429, retryAfterSeconds: 1), Responses.File(Sample));
        using var source = TestSources.Http(server.BaseUrl, temp.Path);

        using var fetched = await source.FetchAsync(TestSources.File("tl_2024_35_place.zip"), Cancellation);

        var requests = server.RequestsTo(PlacePath);
        Assert.Equal(2, requests.Count);

        // The policy's own backoff is 10 ms: the wait is the server's second.
        Assert.InRange((requests[1].At - requests[0].At).TotalMilliseconds, 950, 3000);
    }

    [Fact]
    public async Task A_Retry_After_beyond_the_limit_fails_at_once_instead_of_waiting_or_hammering()
    {
        server.Map(PlacePath, Responses.Status(429, retryAfterSeconds: 3600));
        using var source = TestSources.Http(server.BaseUrl, temp.Path);

        var error = await Assert.ThrowsAsync<TigerImportException>(() => source.FetchAsync(TestSources.File("tl_2024_35_place.zip"), Cancellation));

        Assert.Equal(FailureKind.Source, error.Kind);
        Assert.Contains(server.BaseUrl + PlacePath, error.Message);
        Assert.Contains("3600 s (Retry-After)", error.Message);
        Assert.Single(server.Requests);
        Assert.Empty(temp.Files);
    }

    [Fact]
    public async Task Resumes_a_connection_cut_mid_body_with_a_Range_request()
    {
        var zip = SyntheticZip.Bytes(2_000_000);
        server.Map(PlacePath, Responses.CutAfter(zip, send: 1_000_000), Responses.File(zip));
        using var source = TestSources.Http(server.BaseUrl, temp.Path);

        using var fetched = await source.FetchAsync(TestSources.File("tl_2024_35_place.zip"), Cancellation);

        Assert.Equal(zip, await File.ReadAllBytesAsync(fetched.Path, Cancellation));
        var requests = server.RequestsTo(PlacePath);
        Assert.Equal(2, requests.Count);
        var resumedAt = long.Parse(requests[1].Range["bytes=".Length..^1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(resumedAt, 1, 1_000_000);
        Assert.Equal(Responses.ETag, requests[1].IfRange);

        // Resumed, not restarted: every byte crossed the wire once.
        Assert.Equal(zip.Length, source.Statistics.Snapshot().BytesDownloaded);
    }

    [Fact]
    public async Task Starts_over_when_the_server_answers_a_Range_request_with_the_whole_file()
    {
        var zip = SyntheticZip.Bytes(500_000);
        server.Map(PlacePath, Responses.CutAfter(zip, send: 200_000), Responses.File(zip, ranges: false));
        using var source = TestSources.Http(server.BaseUrl, temp.Path);

        using var fetched = await source.FetchAsync(TestSources.File("tl_2024_35_place.zip"), Cancellation);

        Assert.Equal(zip, await File.ReadAllBytesAsync(fetched.Path, Cancellation));
        Assert.StartsWith("bytes=", server.RequestsTo(PlacePath)[1].Range);
        Assert.InRange(source.Statistics.Snapshot().BytesDownloaded, zip.Length + 1, zip.Length + 200_000);
    }

    [Fact]
    public async Task A_body_shorter_than_Content_Length_is_retried_from_the_start_and_then_succeeds()
    {
        server.Map(PlacePath, Responses.Short(Sample, missing: 100), Responses.File(Sample, ranges: false));
        using var source = TestSources.Http(server.BaseUrl, temp.Path);

        using var fetched = await source.FetchAsync(TestSources.File("tl_2024_35_place.zip"), Cancellation);

        Assert.Equal(Sample, await File.ReadAllBytesAsync(fetched.Path, Cancellation));

        // No Accept-Ranges on the first answer: the second attempt asks for the whole file again.
        Assert.All(server.RequestsTo(PlacePath), r => Assert.Equal("", r.Range));
        Assert.Equal(2, server.RequestsTo(PlacePath).Count);
    }

    [Fact]
    public async Task A_body_always_shorter_than_Content_Length_ends_in_a_Source_error_and_nothing_on_disk()
    {
        server.Map(PlacePath, Responses.Short(Sample, missing: 100));
        using var source = TestSources.Http(server.BaseUrl, temp.Path);

        var error = await Assert.ThrowsAsync<TigerImportException>(() => source.FetchAsync(TestSources.File("tl_2024_35_place.zip"), Cancellation));

        Assert.Equal(FailureKind.Source, error.Kind);
        Assert.StartsWith(server.BaseUrl + PlacePath, error.Message);
        Assert.Contains("ended prematurely", error.Message);
        Assert.Contains("gave up after 4 attempts", error.Message);
        Assert.Equal(4, server.RequestsTo(PlacePath).Count);
        Assert.Empty(temp.Files);
        Assert.Equal(0, source.Statistics.TempBytes);
    }

    [Fact]
    public async Task A_connection_reset_that_never_stops_ends_in_a_Source_error_and_nothing_on_disk()
    {
        server.Map(PlacePath, Responses.CutAfter(Sample, send: Sample.Length - 100, ranges: false));
        using var source = TestSources.Http(server.BaseUrl, temp.Path);

        var error = await Assert.ThrowsAsync<TigerImportException>(() => source.FetchAsync(TestSources.File("tl_2024_35_place.zip"), Cancellation));

        Assert.Equal(FailureKind.Source, error.Kind);
        Assert.Contains(server.BaseUrl + PlacePath, error.Message);
        Assert.Contains("gave up after 4 attempts", error.Message);
        Assert.Equal(4, server.RequestsTo(PlacePath).Count);
        Assert.Empty(temp.Files);
    }

    [Fact]
    public async Task An_HTML_page_sent_with_status_200_never_reaches_the_loader()
    {
        server.Map(PlacePath, Responses.Html(200, "<!DOCTYPE html><html><head><title>Access Denied</title></head><body><h1>Sorry, you have been blocked</h1></body></html>"));
        using var source = TestSources.Http(server.BaseUrl, temp.Path);

        var error = await Assert.ThrowsAsync<TigerImportException>(() => source.FetchAsync(TestSources.File("tl_2024_35_place.zip"), Cancellation));

        Assert.Equal(FailureKind.Source, error.Kind);
        Assert.Contains(server.BaseUrl + PlacePath, error.Message);
        Assert.Contains("Census may be blocking this address", error.Message);

        // Not retried: asking again is what gets an address blocked for longer.
        Assert.Single(server.Requests);
        Assert.Empty(temp.Files);
    }

    [Fact]
    public async Task A_403_blocked_page_is_a_Source_error_that_says_so_and_is_not_retried()
    {
        server.Map(PlacePath, Responses.Html(403, "<html><body>Sorry, you have been blocked. You are unable to access census.gov</body></html>"));
        using var source = TestSources.Http(server.BaseUrl, temp.Path);

        var error = await Assert.ThrowsAsync<TigerImportException>(() => source.FetchAsync(TestSources.File("tl_2024_35_place.zip"), Cancellation));

        Assert.Equal(FailureKind.Source, error.Kind);
        Assert.Contains("403 Forbidden: the server says this address has been blocked", error.Message);
        Assert.Contains("Census may be blocking this address", error.Message);
        Assert.Single(server.Requests);
        Assert.Empty(temp.Files);
    }

    [Fact]
    public async Task A_404_is_a_Source_error_naming_the_URL_and_is_not_retried()
    {
        using var source = TestSources.Http(server.BaseUrl, temp.Path);

        var error = await Assert.ThrowsAsync<TigerImportException>(() => source.FetchAsync(TestSources.File("tl_2024_35_place.zip"), Cancellation));

        Assert.Equal(FailureKind.Source, error.Kind);
        Assert.StartsWith($"{server.BaseUrl}{PlacePath}: 404 Not Found.", error.Message);
        Assert.Single(server.Requests);
        Assert.Empty(temp.Files);
    }

    [Fact]
    public async Task A_stalled_body_is_abandoned_after_the_idle_timeout_and_resumed()
    {
        var zip = SyntheticZip.Bytes(300_000);
        server.Map(PlacePath, Responses.Stall(zip, send: 100_000, stallMs: 10_000), Responses.File(zip));
        using var source = TestSources.Http(server.BaseUrl, temp.Path, policy: TestSources.StallPolicy);
        var clock = Stopwatch.StartNew();

        using var fetched = await source.FetchAsync(TestSources.File("tl_2024_35_place.zip"), Cancellation);

        Assert.Equal(zip, await File.ReadAllBytesAsync(fetched.Path, Cancellation));
        Assert.StartsWith("bytes=", server.RequestsTo(PlacePath)[1].Range);
        Assert.True(clock.ElapsedMilliseconds < 3000, $"took {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task A_body_that_keeps_stalling_ends_in_a_Source_error()
    {
        var zip = SyntheticZip.Bytes(300_000);
        server.Map(PlacePath, Responses.Stall(zip, send: 10_000, stallMs: 10_000));
        using var source = TestSources.Http(server.BaseUrl, temp.Path, policy: TestSources.StallPolicy);

        var error = await Assert.ThrowsAsync<TigerImportException>(() => source.FetchAsync(TestSources.File("tl_2024_35_place.zip"), Cancellation));

        Assert.Equal(FailureKind.Source, error.Kind);
        Assert.Contains("the body stalled (fewer than 16,384 bytes in 0.3 s)", error.Message);
        Assert.Equal(4, server.RequestsTo(PlacePath).Count);
        Assert.Empty(temp.Files);
    }

    [Fact]
    public async Task An_attempt_longer_than_the_attempt_timeout_is_abandoned()
    {
        server.Map(PlacePath, Responses.File(Sample, delayMs: 5_000));
        var policy = TestSources.FastPolicy with { MaxAttempts = 2, AttemptTimeout = TimeSpan.FromMilliseconds(300), IdleTimeout = TimeSpan.FromSeconds(30) };
        using var source = TestSources.Http(server.BaseUrl, temp.Path, policy: policy);

        var error = await Assert.ThrowsAsync<TigerImportException>(() => source.FetchAsync(TestSources.File("tl_2024_35_place.zip"), Cancellation));

        Assert.Equal(FailureKind.Source, error.Kind);
        Assert.Contains("an attempt took longer than 0.3 s (gave up after 2 attempts)", error.Message);
        Assert.Empty(temp.Files);
    }

    [Fact]
    public async Task A_damaged_zip_is_downloaded_once_more_then_fails_as_a_Source_error()
    {
        server.Map(PlacePath, Responses.File(Sample[..^30], ranges: false));
        using var source = TestSources.Http(server.BaseUrl, temp.Path);

        var error = await Assert.ThrowsAsync<TigerImportException>(() => source.FetchAsync(TestSources.File("tl_2024_35_place.zip"), Cancellation));

        Assert.Equal(FailureKind.Source, error.Kind);
        Assert.Contains("is a damaged zip", error.Message);
        Assert.Equal(2, server.RequestsTo(PlacePath).Count);
        Assert.Empty(temp.Files);
    }

    [Fact]
    public async Task A_download_with_a_bad_CRC_is_fetched_again_and_the_good_copy_is_used()
    {
        var flipped = Sample.ToArray();
        flipped[200] ^= 0xFF; // inside the first member's data: the directory still reads, the CRC does not match
        server.Map(PlacePath, Responses.File(flipped, ranges: false), Responses.File(Sample));
        using var source = TestSources.Http(server.BaseUrl, temp.Path);

        using var fetched = await source.FetchAsync(TestSources.File("tl_2024_35_place.zip"), Cancellation);

        Assert.Equal(Sample, await File.ReadAllBytesAsync(fetched.Path, Cancellation));
        Assert.Equal(2, server.RequestsTo(PlacePath).Count);
        Assert.Null(await ZipFileCheck.FindDefectAsync(fetched.Path, Cancellation));
    }

    [Fact]
    public async Task The_circuit_breaker_stops_requests_to_a_host_that_keeps_failing()
    {
        string[] names = ["tl_2024_35_place.zip", "tl_2024_72_place.zip", "tl_2024_15_place.zip"];
        foreach (var name in names)
        {
            server.Map($"TIGER2024/PLACE/{name}", Responses.Status(503));
        }

        var policy = TestSources.FastPolicy with
        {
            MaxAttempts = 3,
            BreakerMinimumThroughput = 4,
            BreakerSamplingDuration = TimeSpan.FromSeconds(30),
            BreakerBreakDuration = TimeSpan.FromSeconds(30),
        };
        using var source = TestSources.Http(server.BaseUrl, temp.Path, policy: policy);

        var first = await Assert.ThrowsAsync<TigerImportException>(() => source.FetchAsync(TestSources.File(names[0]), Cancellation));
        var second = await Assert.ThrowsAsync<TigerImportException>(() => source.FetchAsync(TestSources.File(names[1]), Cancellation));
        var third = await Assert.ThrowsAsync<TigerImportException>(() => source.FetchAsync(TestSources.File(names[2]), Cancellation));

        Assert.Contains("503 Service Unavailable (gave up after 3 attempts)", first.Message);
        Assert.Contains("requests to it are paused for 30 s", second.Message);
        Assert.Contains("requests to it are paused", third.Message);
        Assert.All(new[] { first, second, third }, e => Assert.Equal(FailureKind.Source, e.Kind));

        // 3 for the first file, 1 for the second (the one that opened the circuit), none for the third.
        Assert.Equal(4, server.Requests.Count);
    }

    [Fact]
    public async Task No_more_than_max_downloads_requests_are_in_flight_at_once()
    {
        var names = new[] { "01", "02", "04", "05", "06", "08" }.Select(fips => $"tl_2024_{fips}_place.zip").ToList();
        foreach (var name in names)
        {
            server.Map($"TIGER2024/PLACE/{name}", Responses.File(Sample, delayMs: 100));
        }

        using var source = TestSources.Http(server.BaseUrl, temp.Path, maxDownloads: 2);

        var fetches = names.Select(n => source.FetchAsync(TestSources.File(n), Cancellation)).ToList();
        foreach (var fetched in await Task.WhenAll(fetches))
        {
            fetched.Dispose();
        }

        Assert.Equal(6, server.Requests.Count);
        Assert.Equal(2, server.MaxInFlight);
        Assert.Empty(temp.Files);
    }
}
