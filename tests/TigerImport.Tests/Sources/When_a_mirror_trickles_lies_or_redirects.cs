using System.Diagnostics;
using System.Globalization;
using TigerImport.Tests.Support;

namespace TigerImport.Tests.Sources;

/// <summary>
/// The download faults a hostile or broken mirror stages: a body trickling a few bytes a second (a stall, not
/// progress), a Content-Length larger than the zip sent on a connection held open (refused after one idle window, not
/// retried for minutes), redirects across schemes (never followed) and within one (followed).
/// </summary>
public sealed class When_a_mirror_trickles_lies_or_redirects : FaultServerTest
{
    private const string PlacePath = "TIGER2024/PLACE/tl_2024_35_place.zip";
    private static byte[] Sample => File.ReadAllBytes(Path.Combine(RepoPaths.Samples, "tl_2024_35_place.zip"));

    [Fact]
    public async Task A_body_trickling_10_bytes_a_second_is_a_stall_retried_then_exit_3()
    {
        Server.Map(PlacePath, Trickle(Sample));
        using var source = TestSources.Http(Server.BaseUrl, Temp.Path, policy: TestSources.StallPolicy with { MaxAttempts = 2, StallMinimumBytes = 1024 });
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<TigerImportException>(() => source.FetchAsync(TestSources.File("tl_2024_35_place.zip"), Cancellation));

        Assert.Equal(FailureKind.Source, error.Kind);
        Assert.Contains("the body stalled (fewer than 1,024 bytes in 0.3 s)", error.Message);
        Assert.Contains("gave up after 2 attempts", error.Message);
        Assert.Equal(2, Server.RequestsTo(PlacePath).Count);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        Assert.Empty(Temp.Files);
    }

    [Fact]
    public async Task A_content_length_larger_than_a_complete_zip_on_a_held_connection_is_refused_after_one_idle_window()
    {
        Server.Map(PlacePath, LyingLength(Sample, extra: 300_000));
        using var source = TestSources.Http(Server.BaseUrl, Temp.Path, policy: TestSources.StallPolicy);
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<TigerImportException>(() => source.FetchAsync(TestSources.File("tl_2024_35_place.zip"), Cancellation));

        Assert.Equal(FailureKind.Source, error.Kind);
        Assert.Contains($"Content-Length promised {Sample.Length + 300_000:N0} bytes, but the server sent {Sample.Length:N0} (a complete zip) and then held the connection open", error.Message);
        Assert.Single(Server.RequestsTo(PlacePath));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.Empty(Temp.Files);
    }

    [Fact]
    public async Task A_cut_body_on_a_held_connection_is_still_resumed_not_refused()
    {
        Server.Map(PlacePath, LyingLength(Sample[..(Sample.Length / 2)], extra: Sample.Length - (Sample.Length / 2)), Responses.File(Sample));
        using var source = TestSources.Http(Server.BaseUrl, Temp.Path, policy: TestSources.StallPolicy);

        using var fetched = await source.FetchAsync(TestSources.File("tl_2024_35_place.zip"), Cancellation);

        Assert.Equal(Sample, await File.ReadAllBytesAsync(fetched.Path, Cancellation));
        Assert.Equal(2, Server.RequestsTo(PlacePath).Count);
    }

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://example.org/tl_2024_35_place.zip")]
    [InlineData("https://127.0.0.1:1/tl_2024_35_place.zip")]
    public async Task A_redirect_to_another_scheme_is_never_followed(string location)
    {
        Server.Map(PlacePath, Redirect(location));
        using var source = TestSources.Http(Server.BaseUrl, Temp.Path);

        var error = await Assert.ThrowsAsync<TigerImportException>(() => source.FetchAsync(TestSources.File("tl_2024_35_place.zip"), Cancellation));

        Assert.Equal(FailureKind.Source, error.Kind);
        Assert.Contains($"redirected to {new Uri(location).GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped)}, which is not http://", error.Message);
        Assert.Single(Server.Requests);
        Assert.Empty(Temp.Files);
    }

    [Fact]
    public async Task A_redirect_within_the_scheme_is_followed_with_the_user_agent()
    {
        Server.Map(PlacePath, Redirect("/mirror/tl_2024_35_place.zip"));
        Server.Map("/mirror/tl_2024_35_place.zip", Responses.File(Sample));
        using var source = TestSources.Http(Server.BaseUrl, Temp.Path);

        using var fetched = await source.FetchAsync(TestSources.File("tl_2024_35_place.zip"), Cancellation);

        Assert.Equal(Sample, await File.ReadAllBytesAsync(fetched.Path, Cancellation));
        Assert.Equal(TestSources.UserAgent, Assert.Single(Server.RequestsTo("/mirror/tl_2024_35_place.zip")).UserAgent);
    }

    private static Func<FaultExchange, Task> Redirect(string location) => exchange =>
        exchange.SendHeadAsync(302, [("Location", location), ("Content-Length", "0")]);

    /// <summary>The whole file promised, then 10 bytes a second.</summary>
    private static Func<FaultExchange, Task> Trickle(byte[] bytes) => async exchange =>
    {
        await exchange.SendHeadAsync(200, [("Content-Type", "application/zip"), ("Content-Length", bytes.Length.ToString(CultureInfo.InvariantCulture))]);
        for (var at = 0; at < bytes.Length && !exchange.Aborted.IsCancellationRequested; at += 10)
        {
            await exchange.SendAsync(bytes.AsMemory(at, Math.Min(10, bytes.Length - at)));
            await Task.Delay(1000, exchange.Aborted);
        }
    };

    /// <summary>Content-Length <paramref name="extra"/> bytes more than sent; the bytes, then the connection held open (with ranges on).</summary>
    private static Func<FaultExchange, Task> LyingLength(byte[] bytes, int extra) => async exchange =>
    {
        await exchange.SendHeadAsync(200, [
            ("Content-Type", "application/zip"), ("Content-Length", (bytes.Length + extra).ToString(CultureInfo.InvariantCulture)),
            ("Accept-Ranges", "bytes"), ("ETag", Responses.ETag)]);
        await exchange.SendAsync(bytes);
        await Task.Delay(TimeSpan.FromSeconds(30), exchange.Aborted);
    };
}
