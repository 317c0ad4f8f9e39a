using System.IO.Compression;
using TigerImport.Archive;
using TigerImport.Catalog;
using TigerImport.Tests.Attributes;
using TigerImport.Tests.Support;

namespace TigerImport.Tests.Archive;

/// <summary>
/// A member named as a Census file must be named as its zip is (another county's, layer's or vintage's data under the
/// zip's name is refused, exit 4); members of other names (a third party's <c>data.*</c>) and every real Census zip load.
/// </summary>
public sealed class MemberNameTests
{
    [Fact]
    public void Another_countys_member_in_an_attribute_table_zip_is_refused_naming_both()
    {
        using var folder = new TempFolder();
        var zip = Rename(AttributeTableZip.Write(folder.Path, AttributeTableZip.Featnames("tl_2024_35001_featnames", 1, 5)), "tl_2024_35013_featnames.zip");

        var error = Assert.Throws<TigerImportException>(() => Open(zip, "FEATNAMES"));
        Assert.Equal(FailureKind.Data, error.Kind);
        Assert.Contains("tl_2024_35013_featnames.zip holds tl_2024_35001_featnames.", error.Message, StringComparison.Ordinal);
        Assert.Contains("scope 35001, not 35013", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_layers_member_is_refused()
    {
        using var folder = new TempFolder();
        var zip = Rename(AttributeTableZip.Write(folder.Path, AttributeTableZip.Featnames("tl_2024_35013_edges", 1, 5)), "tl_2024_35013_featnames.zip");

        var error = Assert.Throws<TigerImportException>(() => Open(zip, "FEATNAMES"));
        Assert.Contains("layer token edges, not featnames", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_sldu_sample_rezipped_as_place_is_refused_and_renamed_to_data_is_accepted()
    {
        using var folder = new TempFolder();
        var asPlace = Repack(Path.Combine(RepoPaths.Samples, "tl_2024_35_sldu.zip"), Path.Combine(folder.Path, "tl_2024_35_place.zip"), name => name);
        var error = Assert.Throws<TigerImportException>(() => Open(asPlace, "PLACE"));
        Assert.Contains("tl_2024_35_sldu.shp", error.Message, StringComparison.Ordinal);
        Assert.Contains("layer token sldu, not place", error.Message, StringComparison.Ordinal);
        Assert.EndsWith(").", error.Message, StringComparison.Ordinal);

        var asData = Repack(Path.Combine(RepoPaths.Samples, "tl_2024_35_place.zip"), Path.Combine(folder.Path, "data", "tl_2024_35_place.zip"), name => "data" + name[name.IndexOf('.', StringComparison.Ordinal)..]);
        using var archive = Open(asData, "PLACE");
        Assert.True(archive.RecordCount > 0);
    }

    [Theory]
    [MemberData(nameof(RepoPaths.SharedTigerZips), MemberType = typeof(RepoPaths))]
    public void Every_real_census_zip_has_members_named_as_it_is(string name)
    {
        var path = Path.Combine(RepoPaths.SharedTiger, name);
        Assert.True(TigerFileName.TryParse(name, out var file));
        using var archive = TigerArchive.Open(path, name, file.Layer, TestContext.Current.CancellationToken);
        Assert.True(archive.RecordCount > 0);
    }

    private static TigerArchive Open(string path, string layer)
    {
        Assert.True(TigerLayers.TryFind(layer, out var found));
        return TigerArchive.Open(path, Path.GetFileName(path), found, TestContext.Current.CancellationToken);
    }

    private static string Rename(string zip, string name)
    {
        var renamed = Path.Combine(Path.GetDirectoryName(zip)!, name);
        File.Move(zip, renamed);
        return renamed;
    }

    private static string Repack(string from, string to, Func<string, string> rename)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(to)!);
        using var source = ZipFile.OpenRead(from);
        using var target = ZipFile.Open(to, ZipArchiveMode.Create);
        foreach (var entry in source.Entries)
        {
            using var input = entry.Open();
            using var output = target.CreateEntry(rename(entry.Name)).Open();
            input.CopyTo(output);
        }

        return to;
    }
}
