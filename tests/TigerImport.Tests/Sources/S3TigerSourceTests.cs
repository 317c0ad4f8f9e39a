using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Logging.Abstractions;
using TigerImport.Catalog;
using TigerImport.Sources.S3;
using TigerImport.Tests.Support;

namespace TigerImport.Tests.Sources;

/// <summary><c>--source s3://bucket/prefix</c> against a real S3-protocol server (fauxqs).</summary>
public sealed class S3TigerSourceTests : IAsyncLifetime
{
    private readonly TempFolder temp = new();
    private IAmazonS3 s3 = null!;
    private S3Prefix prefix = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        s3 = S3TestServer.Client();
        prefix = await S3TestServer.NewPrefixAsync(s3, Cancellation);
    }

    public ValueTask DisposeAsync()
    {
        s3?.Dispose();
        temp.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Lists_and_fetches_a_mirror_laid_out_like_the_Census_tree()
    {
        foreach (var name in new[] { "tl_2024_35_place.zip", "tl_2024_72_place.zip" })
        {
            await PutAsync($"TIGER2024/PLACE/{name}", await File.ReadAllBytesAsync(Path.Combine(RepoPaths.Samples, name), Cancellation));
        }

        await PutAsync("TIGER2024/PLACE/README.txt", "not a zip"u8.ToArray());
        await PutAsync("TIGER2024/PLACE/old/tl_2024_35_place.zip", [1, 2, 3]);
        using var source = NewSource();

        var names = await source.ListAsync(TestSources.Layer("PLACE").InYear(2024), Cancellation);
        using var fetched = await source.FetchAsync(TestSources.File("tl_2024_72_place.zip"), Cancellation);

        Assert.Equal(["tl_2024_35_place.zip", "tl_2024_72_place.zip"], names!.Order());
        var expected = await File.ReadAllBytesAsync(Path.Combine(RepoPaths.Samples, "tl_2024_72_place.zip"), Cancellation);
        Assert.Equal(expected, await File.ReadAllBytesAsync(fetched.Path, Cancellation));
        Assert.Equal(expected.Length, source.Statistics.Snapshot().BytesDownloaded);
    }

    [Fact]
    public async Task An_empty_folder_lists_as_empty_so_the_planner_reports_the_files_missing()
    {
        using var source = NewSource();

        var names = await source.ListAsync(TestSources.Layer("PLACE").InYear(2024), Cancellation);

        Assert.NotNull(names);
        Assert.Empty(names);
    }

    [Fact]
    public async Task A_missing_object_is_a_Source_error_naming_its_s3_URL()
    {
        using var source = NewSource();

        var error = await Assert.ThrowsAsync<TigerImportException>(() => source.FetchAsync(TestSources.File("tl_2024_35_place.zip"), Cancellation));

        Assert.Equal(FailureKind.Source, error.Kind);
        Assert.StartsWith($"s3://{prefix.Bucket}/{prefix.Prefix}TIGER2024/PLACE/tl_2024_35_place.zip does not exist (404)", error.Message);
        Assert.Empty(temp.Files);
    }

    [Fact]
    public async Task A_damaged_object_is_a_Source_error_and_never_reaches_the_loader()
    {
        var bytes = await File.ReadAllBytesAsync(Path.Combine(RepoPaths.Samples, "tl_2024_35_place.zip"), Cancellation);
        await PutAsync("TIGER2024/PLACE/tl_2024_35_place.zip", bytes[..^30]);
        using var source = NewSource();

        var error = await Assert.ThrowsAsync<TigerImportException>(() => source.FetchAsync(TestSources.File("tl_2024_35_place.zip"), Cancellation));

        Assert.Equal(FailureKind.Source, error.Kind);
        Assert.Contains("is damaged: the object is a damaged zip", error.Message);
        Assert.Empty(temp.Files);
    }

    private S3TigerSource NewSource() =>
        new(prefix, s3, TestSources.Options(prefix.ToString(), temp.Path), NullLogger.Instance);

    private Task PutAsync(string path, byte[] bytes) =>
        s3.PutObjectAsync(new PutObjectRequest { BucketName = prefix.Bucket, Key = prefix.KeyOf(path), InputStream = new MemoryStream(bytes) }, Cancellation);
}
