using TigerImport.Sources.Folder;
using TigerImport.Tests.Support;

namespace TigerImport.Tests.Sources;

/// <summary>A folder source's validators, which decide whether a monthly run reloads a file.</summary>
public sealed class LocalFolderSourceTests : IDisposable
{
    private readonly TempFolder folder = new();
    private readonly TempFolder elsewhere = new();

    public void Dispose()
    {
        folder.Dispose();
        elsewhere.Dispose();
    }

    [Fact]
    public async Task A_symbolic_link_is_described_by_the_file_it_points_to()
    {
        var target = Path.Combine(elsewhere.Path, "tl_2024_35_place.zip");
        File.Copy(Path.Combine(RepoPaths.Samples, "tl_2024_35_place.zip"), target);
        File.CreateSymbolicLink(Path.Combine(folder.Path, "tl_2024_35_place.zip"), target);
        var source = new LocalFolderSource(folder.Path);
        var file = TestSources.File("tl_2024_35_place.zip");

        var before = await source.ProbeAsync(file, TestContext.Current.CancellationToken);

        // The link stays as it was; the file behind it is replaced by another release (another size and mtime).
        File.Copy(Path.Combine(RepoPaths.Samples, "tl_2024_72_place.zip"), target, overwrite: true);
        File.SetLastWriteTimeUtc(target, new DateTime(2030, 1, 2, 0, 0, 0, DateTimeKind.Utc));
        var after = await source.ProbeAsync(file, TestContext.Current.CancellationToken);

        Assert.Equal(new FileInfo(Path.Combine(RepoPaths.Samples, "tl_2024_35_place.zip")).Length, before.Length);
        Assert.Equal(new FileInfo(target).Length, after.Length);
        Assert.Equal(new DateTimeOffset(2030, 1, 2, 0, 0, 0, TimeSpan.Zero), after.LastModified);
        Assert.False(after.SameAs(before));
    }
}
