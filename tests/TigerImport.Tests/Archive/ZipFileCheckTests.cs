using TigerImport.Archive;
using TigerImport.Tests.Support;

namespace TigerImport.Tests.Archive;

public sealed class ZipFileCheckTests : IDisposable
{
    private readonly TempFolder temp = new();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public void Dispose() => temp.Dispose();

    [Theory]
    [InlineData("tl_2024_35_place.zip")]
    [InlineData("tl_2024_35013_edges.zip")]
    public async Task Every_sample_passes_the_full_check(string name)
    {
        Assert.Null(await ZipFileCheck.FindDefectAsync(Path.Combine(RepoPaths.Samples, name), Cancellation));
    }

    [Theory]
    [MemberData(nameof(RepoPaths.SharedTigerZips), MemberType = typeof(RepoPaths))]
    public async Task Every_real_Census_zip_passes_the_full_check(string name)
    {
        Assert.Null(await ZipFileCheck.FindDefectAsync(Path.Combine(RepoPaths.SharedTiger, name), Cancellation));
    }

    [Fact]
    public async Task A_truncated_zip_is_damaged()
    {
        var path = Write("cut.zip", File.ReadAllBytes(Path.Combine(RepoPaths.Samples, "tl_2024_35_place.zip"))[..^30]);

        var defect = await ZipFileCheck.FindDefectAsync(path, Cancellation);

        Assert.Equal(ZipDefectKind.Damaged, defect?.Kind);
    }

    [Fact]
    public async Task A_flipped_byte_in_a_stored_member_is_caught_by_its_CRC()
    {
        // Stored members: the flipped byte inflates fine, so only the CRC-32 comparison can catch it.
        var bytes = SyntheticZip.Bytes(200_000);
        bytes[100_000] ^= 0x01;
        var path = Write("flipped.zip", bytes);

        var defect = await ZipFileCheck.FindDefectAsync(path, Cancellation);

        Assert.Equal(ZipDefectKind.Damaged, defect?.Kind);
        Assert.Contains("CRC-32", defect!.Detail);
    }

    [Fact]
    public async Task An_HTML_page_saved_as_a_zip_is_recognised()
    {
        var path = Write("blocked.zip", "\n<!DOCTYPE html><html><body>Sorry, you have been blocked</body></html>"u8.ToArray());

        var defect = await ZipFileCheck.FindDefectAsync(path, Cancellation);

        Assert.Equal(ZipDefectKind.HtmlPage, defect?.Kind);
        var error = Assert.Throws<TigerImportException>(() => ZipFileCheck.ThrowIfNotZip(path, "blocked.zip"));
        Assert.Equal(FailureKind.Data, error.Kind);
        Assert.Contains("Census may be blocking this address", error.Message);
    }

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(temp.Path, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
