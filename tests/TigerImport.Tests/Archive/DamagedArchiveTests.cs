using NetTopologySuite.Geometries;
using TigerImport.Archive;
using TigerImport.Tests.Support;

namespace TigerImport.Tests.Archive;

/// <summary>What servers and disks hand over instead of a good zip: each is a clear data error naming the file.</summary>
public sealed class DamagedArchiveTests
{
    private static TigerImportException OpenAndReadAll(string path)
    {
        return Assert.Throws<TigerImportException>(() =>
        {
            using var archive = TigerArchive.Open(path, Path.GetFileName(path), TestContext.Current.CancellationToken);
            using var reader = archive.OpenShapefile(System.Text.Encoding.UTF8, new GeometryFactory(), TestContext.Current.CancellationToken);
            while (reader.Read(out _))
            {
            }

            archive.VerifyChecksums();
        });
    }

    [Fact]
    public void An_HTML_block_page_saved_as_zip_says_Census_may_be_blocking()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "tl_2024_35_place.zip");
        File.WriteAllText(path, "<!DOCTYPE html><html><head><title>Access Denied</title></head><body>Sorry, you have been blocked</body></html>");

        var error = OpenAndReadAll(path);

        Assert.Equal(FailureKind.Data, error.Kind);
        Assert.Contains("HTML page", error.Message);
        Assert.Contains("blocking", error.Message);
    }

    [Fact]
    public void A_truncated_download_is_a_damaged_zip()
    {
        using var folder = new TempFolder().WithSamples("tl_2024_35013_edges.zip");
        var path = Path.Combine(folder.Path, "tl_2024_35013_edges.zip");
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length - 200)]);

        var error = OpenAndReadAll(path);

        Assert.Equal(FailureKind.Data, error.Kind);
        Assert.Contains("damaged zip", error.Message);
    }

    [Fact]
    public void A_zip_without_a_shapefile_says_so()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "tl_2024_35_place.zip");
        using (var zip = System.IO.Compression.ZipFile.Open(path, System.IO.Compression.ZipArchiveMode.Create))
        {
            using var writer = new StreamWriter(zip.CreateEntry("readme.txt").Open());
            writer.Write("no shapefile here");
        }

        var error = OpenAndReadAll(path);

        Assert.Contains("has no .shp member", error.Message);
    }
}
