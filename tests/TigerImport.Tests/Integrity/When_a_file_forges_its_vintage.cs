using NetTopologySuite.Geometries;
using TigerImport.Archive;
using TigerImport.Catalog;
using TigerImport.Import.Policies;
using TigerImport.Tests.Support;

namespace TigerImport.Tests.Integrity;

/// <summary>
/// A file relabelled as another vintage with no metadata to give it away (members renamed with the zip, no
/// .shp.xml): what remains are the .dbf header's date (never before the vintage's year: measured on every real file)
/// and the fields that changed between vintages (GEOIDFQ from 2023 on). Each forgery is refused by the gate
/// <c>vintage</c> (exit 4, naming the file) with nothing published, and no real Census file in ../shared is refused.
/// </summary>
[Collection(PostgisCollection.Name)]
public sealed class When_a_file_forges_its_vintage(PostgisServer postgis)
{
    private const string Place = "tl_2024_35_place.zip";

    [Fact]
    public async Task A_file_dated_the_year_before_its_vintage_is_refused()
    {
        var run = await IntegrityCli.ReimportDamagedAsync(postgis, "forge_date", Place, "PLACE", zip => zip.SetDbfDate(2023, 9, 1), Place);

        IntegrityCli.AssertDataError(
            run,
            Place,
            "plausibility gate 'vintage' failed: its .dbf header is dated 2023-09-01, which no 2024 file carries (Census dates a vintage's files 2024–2026)");
    }

    [Fact]
    public async Task A_2024_file_relabelled_2020_is_refused_by_its_fully_qualified_geoid()
    {
        using var folder = new TempFolder();
        const string forged = "tl_2020_35_place.zip";
        var zip = ShapefileZip.Read(Path.Combine(RepoPaths.Samples, Place));
        // Dated as a 2020 file is (Census dated them in 2021), so only the field set is left to tell.
        zip.SetDbfDate(2021, 1, 11);
        zip.WriteNamedAs(Path.Combine(folder.Path, forged));

        var (exitCode, output) = await IntegrityCli.ImportAsync(postgis, folder.Path, "forge_fq", "PLACE");

        Assert.True(exitCode == 4, output);
        Assert.Contains($"{forged}: plausibility gate 'vintage' failed: its field GEOIDFQ is a 2023-or-later file's (Census adds the fully qualified GEOID from the 2023 vintage on)", output);
        Assert.Equal(0L, await IntegrityCli.ScalarAsync<long>(postgis, "SELECT count(*) FROM pg_tables WHERE schemaname = 'forge_fq' AND tablename = 'place_2020'"));
    }

    [Fact]
    public void No_real_census_zip_is_refused_by_its_vintage_markers()
    {
        var zips = Directory.EnumerateFiles(RepoPaths.SharedTiger, "*.zip", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        foreach (var path in zips)
        {
            var name = Path.GetFileName(path);
            Assert.True(TigerFileName.TryParse(name, out var file), name);
            using var archive = TigerArchive.Open(path, name, file.Layer, TestContext.Current.CancellationToken);
            using var records = archive.OpenRecords(System.Text.Encoding.Latin1, new GeometryFactory(), TestContext.Current.CancellationToken);

            VintageCheck.Verify(records.Fields, file, archive);

            Assert.True(archive.DbfLastUpdate is { } date && date.Year >= file.Year - VintageCheck.DateSlackBefore && date.Year <= file.Year + VintageCheck.DateSlackAfter, $"{name}: {archive.DbfLastUpdate}");
        }

        // The TIGER/Line and cartographic zips, all of them read.
        Assert.Equal(30, zips.Count);
    }

    [Fact]
    public void The_lone_real_dbf_is_dated_within_the_window_of_its_vintage()
    {
        const string name = "tl_2019_01_place.dbf";
        var path = Path.Combine(RepoPaths.SharedTiger, "partial", name);
        using var stream = File.OpenRead(path);

        var header = DbfHeader.Read(stream, stream.Length, name, name);

        // Dated 2021-06-30: two years after its vintage, the widest gap of the real files.
        Assert.Equal(new DateOnly(2021, 6, 30), header.LastUpdate);
        Assert.InRange(header.LastUpdate!.Value.Year, 2019 - VintageCheck.DateSlackBefore, 2019 + VintageCheck.DateSlackAfter);
    }
}
