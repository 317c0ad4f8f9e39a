using System.IO.Compression;
using System.Text;
using TigerImport.Tests.Support;

namespace TigerImport.Tests.Integrity;

/// <summary>
/// A zip's own FGDC <c>.shp.xml</c> or ISO <c>.shp.iso.xml</c> names its vintage: a file whose metadata names another
/// year is refused (gate <c>vintage</c>, exit 4, naming the file and the metadata) with the published table unchanged;
/// metadata that names the right year, names none, or cannot be parsed (a DTD with an external entity included) is no
/// refusal. Real Census zips keep their metadata as Census wrote it (the ogr2ogr agreement tests load every one).
/// </summary>
[Collection(PostgisCollection.Name)]
public sealed class When_the_metadata_names_another_vintage(PostgisServer postgis)
{
    private const string Place = "tl_2024_35_place.zip";

    private const string Fgdc2016 = """
        <?xml version="1.0" encoding="UTF-8"?>
        <metadata><idinfo><citation><citeinfo><origin>U.S. Census Bureau</origin><pubdate>2016</pubdate>
        <title>TIGER/Line Shapefile, 2016, state, New Mexico, Current Place State-based</title><edition>2016</edition>
        </citeinfo></citation></idinfo></metadata>
        """;

    private static string Iso(string year) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <gmi:MI_Metadata xmlns:gmi="http://www.isotc211.org/2005/gmi" xmlns:gmd="http://www.isotc211.org/2005/gmd" xmlns:gco="http://www.isotc211.org/2005/gco">
          <gmd:identificationInfo><gmd:MD_DataIdentification><gmd:citation><gmd:CI_Citation>
            <gmd:title> <gco:CharacterString>TIGER/Line Shapefile, {year}, state, New Mexico, Current Place State-based</gco:CharacterString> </gmd:title>
            <gmd:edition> <gco:CharacterString>{year}</gco:CharacterString> </gmd:edition>
          </gmd:CI_Citation></gmd:citation></gmd:MD_DataIdentification></gmd:identificationInfo>
        </gmi:MI_Metadata>
        """;

    [Theory]
    [InlineData("meta_fgdc", "tl_2024_35_place.shp.xml", "fgdc")]
    [InlineData("meta_iso", "tl_2024_35_place.shp.iso.xml", "iso")]
    public async Task Metadata_naming_another_year_is_refused(string schema, string member, string kind)
    {
        var run = await ReimportWithAsync(schema, member, kind == "fgdc" ? Fgdc2016 : Iso("2021"));

        IntegrityCli.AssertDataError(
            run,
            Place,
            "plausibility gate 'vintage' failed",
            kind == "fgdc"
                ? "its metadata names the 2016 vintage (tl_2024_35_place.shp.xml title 'TIGER/Line Shapefile, 2016, state, New Mexico"
                : "its metadata names the 2021 vintage (tl_2024_35_place.shp.iso.xml title 'TIGER/Line Shapefile, 2021,",
            "it is not the 2024 vintage it is published as");
    }

    [Theory]
    [InlineData("meta_right", "tl_2024_35_place.shp.iso.xml", "right")]
    [InlineData("meta_garbage", "tl_2024_35_place.shp.xml", "garbage")]
    [InlineData("meta_entity", "tl_2024_35_place.shp.xml", "entity")]
    [InlineData("meta_none", "tl_2024_35_place.shp.xml", "none")]
    public async Task Metadata_naming_the_year_or_nothing_or_unparseable_is_no_refusal(string schema, string member, string kind)
    {
        var xml = kind switch
        {
            "right" => Iso("2024"),
            "garbage" => "<metadata><title>TIGER/Line Shapefile, 2016",
            "entity" => """
                <?xml version="1.0"?>
                <!DOCTYPE metadata [<!ENTITY year SYSTEM "file:///etc/hostname">]>
                <metadata><title>TIGER/Line Shapefile, &year;, state</title></metadata>
                """,
            _ => "<metadata><idinfo><citation><citeinfo><title>Places of New Mexico</title></citeinfo></citation></idinfo></metadata>",
        };

        var run = await ReimportWithAsync(schema, member, xml);

        Assert.True(run.ExitCode == 0, run.Output);
    }

    [Fact]
    public void Every_real_census_zip_s_metadata_names_its_own_vintage()
    {
        var zips = Directory.EnumerateFiles(RepoPaths.SharedTiger, "*.zip", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        var named = 0;
        foreach (var path in zips)
        {
            using var archive = TigerImport.Archive.TigerArchive.Open(path, Path.GetFileName(path), TestContext.Current.CancellationToken);
            if (TigerImport.Import.Policies.MetadataVintage.Find(archive.ReadMetadata()) is { } stated)
            {
                named++;
                Assert.True(stated.Year == int.Parse(Path.GetFileName(path)[3..7], System.Globalization.CultureInfo.InvariantCulture), $"{path}: {stated.Where}");
            }
        }

        // Every real zip here ships .shp.xml or .shp.iso.xml: each must be read, and agree.
        Assert.Equal(zips.Count, named);
    }

    /// <summary>Publishes the sample, adds the metadata member to it (the shapefile unchanged), imports it again.</summary>
    private async Task<(int ExitCode, string Output, string Before, string After)> ReimportWithAsync(string schema, string member, string xml)
    {
        using var folder = IntegrityCli.WithFile(Place);
        var first = await IntegrityCli.ImportAsync(postgis, folder.Path, schema, "PLACE");
        Assert.True(first.ExitCode == 0, first.Output);
        var before = await TableChecksum.OfAsync(postgis, $"{schema}.place_2024");
        using (var zip = ZipFile.Open(Path.Combine(folder.Path, Place), ZipArchiveMode.Update))
        {
            using var stream = zip.CreateEntry(member).Open();
            stream.Write(Encoding.UTF8.GetBytes(xml));
        }

        var (exitCode, output) = await IntegrityCli.ImportAsync(postgis, folder.Path, schema, "PLACE");
        return (exitCode, output, before, await TableChecksum.OfAsync(postgis, $"{schema}.place_2024"));
    }
}
