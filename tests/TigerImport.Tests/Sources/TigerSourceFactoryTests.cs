using Microsoft.Extensions.Logging.Abstractions;
using TigerImport.Sources;
using TigerImport.Sources.Cache;
using TigerImport.Sources.Http;
using TigerImport.Sources.S3;
using TigerImport.Tests.Support;

namespace TigerImport.Tests.Sources;

public sealed class TigerSourceFactoryTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Census_is_the_HTTPS_tree_at_www2_census_gov()
    {
        using var source = (HttpTigerSource)Create("census");

        Assert.Equal("https://www2.census.gov/geo/tiger/", source.DisplayName);
        Assert.Equal(
            "https://www2.census.gov/geo/tiger/TIGER2024/CD/tl_2024_48_cd119.zip",
            source.UrlOf(TestSources.File("tl_2024_48_cd119.zip")).AbsoluteUri);
    }

    [Fact]
    public void A_mirror_URL_keeps_its_path_and_never_shows_credentials()
    {
        using var source = (HttpTigerSource)Create("https://user:secret@mirror.example.org/census/geo/tiger?token=abc");

        Assert.Equal("https://mirror.example.org/census/geo/tiger/", source.DisplayName);
        Assert.DoesNotContain("secret", source.DisplayName);
        Assert.StartsWith("https://mirror.example.org/census/geo/tiger/TIGER2010/TRACT/2010/", source.UrlOf(TestSources.File("tl_2010_25_tract10.zip")).AbsoluteUri);
    }

    [Fact]
    public void An_s3_source_and_a_cached_census_source_are_built_from_their_URLs()
    {
        using var s3 = (S3TigerSource)Create("s3://tiger-mirror/geo/tiger/", s3Endpoint: "http://127.0.0.1:9");
        using var cached = (CachingTigerSource)Create("census", cache: "s3://tiger-cache/v1", s3Endpoint: "http://127.0.0.1:9");

        Assert.Equal("s3://tiger-mirror/geo/tiger/", s3.DisplayName);
        Assert.Equal("https://www2.census.gov/geo/tiger/ through the cache s3://tiger-cache/v1/", cached.DisplayName);
    }

    [Theory]
    [InlineData("s3://tiger-mirror", "s3://tiger-cache", "an s3:// source needs no cache")]
    [InlineData("samples", "s3://tiger-cache", "not to a local folder")]
    [InlineData("census", "s3://Tiger_Cache", "is not an S3 bucket name")]
    [InlineData("census", "https://cache.example.org", "expected s3://bucket/prefix")]
    public void Wrong_combinations_are_usage_errors(string source, string cache, string message)
    {
        var error = Assert.Throws<TigerImportException>(() => Create(source == "samples" ? RepoPaths.Samples : source, cache));

        Assert.Equal(FailureKind.Usage, error.Kind);
        Assert.Contains(message, error.Message);
    }

    private ITigerSource Create(string source, string? cache = null, string? s3Endpoint = null) =>
        TigerSourceFactory.Create(new SourceOptions(source, cache, temp.Path, TestSources.UserAgent, 2, s3Endpoint), NullLogger.Instance);
}
