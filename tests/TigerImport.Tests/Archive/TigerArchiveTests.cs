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
}
