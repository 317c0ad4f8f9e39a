using NetTopologySuite.Geometries;
using TigerImport.Archive;
using TigerImport.Tests.Support;

namespace TigerImport.Tests.Archive;

public sealed class TigerArchiveTests
{
    [Fact]
    public void Reads_every_feature_of_a_real_zip_in_place_and_verifies_checksums()
    {
        var path = Path.Combine(RepoPaths.SharedTiger, "tl_2020_37143_edges.zip");
        using var archive = TigerArchive.Open(path, "tl_2020_37143_edges.zip", TestContext.Current.CancellationToken);
        var encoding = DbfEncoding.Resolve(archive.CodePageText, archive.LanguageDriverId, 2020, "t.zip");
        using var reader = archive.OpenShapefile(encoding.Encoding, new GeometryFactory(new PrecisionModel(), 4269), TestContext.Current.CancellationToken);

        var count = 0;
        while (reader.Read(out _))
        {
            Assert.False(reader.Geometry.IsEmpty);
            count++;
        }

        archive.VerifyChecksums();
        Assert.Equal(3260, count);
        Assert.Equal("utf-8", encoding.Name);
        Assert.Equal(".cpg", encoding.Origin);
    }

    [Fact]
    public void A_stop_while_opening_the_shapefile_is_a_cancellation_not_a_damaged_file()
    {
        // With --jobs, one lane's failure cancels the others while they open their files: that must not read as
        // "tl_….zip cannot be read as a shapefile" about a sound file.
        var path = Path.Combine(RepoPaths.Samples, "tl_2024_35_place.zip");
        using var archive = TigerArchive.Open(path, "tl_2024_35_place.zip", TestContext.Current.CancellationToken);

        Assert.Throws<OperationCanceledException>(() => archive.OpenShapefile(System.Text.Encoding.UTF8, new GeometryFactory(), new CancellationToken(canceled: true)));
    }
}
