using System.Text;
using TigerImport.Tests.Support;

namespace TigerImport.Tests.Integrity;

/// <summary>
/// A .dbf without a .cpg is read in its vintage's encoding (Latin-1 through 2014, UTF-8 from 2015), and that implied
/// encoding is held to the same content check as a .cpg's: UTF-8 text under an implied Latin-1 (it would publish
/// "PeÃ±a"), or bytes that are not UTF-8 under an implied UTF-8 (it would publish U+FFFD), is exit 4 naming the file, the
/// field and both readings, with the published table unchanged. Real files, through the real executable, still load.
/// </summary>
[Collection(PostgisCollection.Name)]
public sealed class When_a_dbf_has_no_cpg(PostgisServer postgis)
{
    private const string Place = "tl_2024_35_place.zip";
    private const string Tract = "tl_2010_44_tract10.zip";

    [Fact]
    public async Task UTF8_text_in_a_2010_file_is_refused_naming_both_readings()
    {
        var run = await IntegrityCli.ReimportDamagedAsync(postgis, "nocpg_2010_utf8", Tract, "TRACT", zip => zip.SetDbfBytes(1, "NAMELSAD10", Encoding.UTF8.GetBytes("Peña")));

        IntegrityCli.AssertDataError(run, Tract, "record 1: field NAMELSAD10 holds text that is valid UTF-8 ('Peña'), but it has no .cpg and its vintage implies iso-8859-1 (read as 'PeÃ±a')", "the vintage's encoding and the .dbf's bytes disagree");
    }

    [Fact]
    public async Task Latin1_text_in_a_2010_file_still_loads_as_itself()
    {
        var (exitCode, output) = await IntegrityCli.ImportDamagedAsync(postgis, "nocpg_2010_latin1", Tract, "TRACT", zip => zip.SetDbfBytes(1, "NAMELSAD10", Encoding.Latin1.GetBytes("Peña")));

        Assert.True(exitCode == 0, output);
        Assert.Equal(1L, await IntegrityCli.ScalarAsync<long>(postgis, "SELECT count(*) FROM nocpg_2010_latin1.tract_2010 WHERE namelsad10 = 'Peña'"));
    }

    [Fact]
    public async Task Latin1_bytes_in_a_2024_file_are_refused_rather_than_published_as_replacement_characters()
    {
        var run = await IntegrityCli.ReimportDamagedAsync(postgis, "nocpg_2024_latin1", Place, "PLACE", zip =>
        {
            zip.Remove(".cpg");
            zip.SetDbfBytes(1, "NAME", Encoding.Latin1.GetBytes("Peñasco"));
        });

        IntegrityCli.AssertDataError(run, Place, "record 1: field NAME holds bytes that are not UTF-8 ('Pe\uFFFDasco'), but it has no .cpg and its vintage implies UTF-8");
    }

    [Fact]
    public async Task Every_real_2010_zip_without_a_cpg_still_loads()
    {
        using var folder = new TempFolder();
        var zips = Directory.EnumerateFiles(RepoPaths.SharedTiger, "tl_2010_*.zip").ToList();
        Assert.NotEmpty(zips);
        foreach (var zip in zips)
        {
            using var archive = System.IO.Compression.ZipFile.OpenRead(zip);
            Assert.DoesNotContain(archive.Entries, e => e.Name.EndsWith(".cpg", StringComparison.OrdinalIgnoreCase));
            File.Copy(zip, Path.Combine(folder.Path, Path.GetFileName(zip)));
        }

        var (exitCode, output) = await IntegrityCli.ImportAsync(postgis, folder.Path, "nocpg_real", "TRACT");

        Assert.True(exitCode == 0, output);
        Assert.DoesNotContain("disagree", output);
    }
}
