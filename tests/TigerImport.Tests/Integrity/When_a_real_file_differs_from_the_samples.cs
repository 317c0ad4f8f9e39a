using System.IO.Compression;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Esri;
using TigerImport.Samples;
using TigerImport.Tests.Support;

namespace TigerImport.Tests.Integrity;

/// <summary>
/// Two classes of real file that are not like the samples, built here, through the real executable: a 2020 FACES-like
/// county file whose fields all end in <c>10</c> or <c>20</c> and whose 2010 county code differs on faces near a moved
/// boundary (the file-name check reads the vintage's own <c>COUNTYFP20</c>); and a zip re-made on a Mac (members in a
/// folder, <c>__MACOSX/._*</c> AppleDouble members, <c>.DS_Store</c>), which ogr2ogr reads. What is really ambiguous
/// (two shapefiles, parts in two folders) stays a data error naming the file and the members.
/// </summary>
[Collection(PostgisCollection.Name)]
public sealed class When_a_real_file_differs_from_the_samples(PostgisServer postgis)
{
    private const string Place = "tl_2024_35_place.zip";

    [Fact]
    public async Task A_2020_faces_file_with_only_10_and_20_fields_is_checked_by_its_own_vintages_codes()
    {
        using var folder = new TempFolder();
        folder.Write(Faces("tl_2020_35013_faces", county20: _ => "013"));

        var (exitCode, output) = await IntegrityCli.ImportAsync(postgis, folder.Path, "faces20", "FACES");

        Assert.True(exitCode == 0, output);
        Assert.Contains("6 rows, 0 repaired, 0 rejected of 6 read", output);
        Assert.Equal(2L, await IntegrityCli.ScalarAsync<long>(postgis, "SELECT count(*) FROM faces20.faces_2020 WHERE countyfp10 <> countyfp20"));
    }

    [Fact]
    public async Task A_2020_faces_file_whose_own_county_code_disagrees_with_its_name_is_still_refused()
    {
        using var folder = new TempFolder();
        folder.Write(Faces("tl_2020_35013_faces", county20: record => record == 4 ? "015" : "013"));

        var (exitCode, output) = await IntegrityCli.ImportAsync(postgis, folder.Path, "faces20bad", "FACES");

        Assert.True(exitCode == 4, output);
        Assert.Contains("tl_2020_35013_faces.zip record 4: COUNTYFP20 is '015', but the file name says 013", output);
    }

    [Fact]
    public async Task A_zip_remade_on_a_mac_loads_as_the_original_and_the_ignored_members_are_logged()
    {
        using var original = IntegrityCli.WithFile(Place);
        var first = await IntegrityCli.ImportAsync(postgis, original.Path, "mac_original", "PLACE");
        Assert.True(first.ExitCode == 0, first.Output);

        using var folder = new TempFolder();
        Rezip(Path.Combine(original.Path, Place), Path.Combine(folder.Path, Place), (name, bytes) =>
        [
            ($"tl_2024_35_place/{name}", bytes),
            ($"__MACOSX/tl_2024_35_place/._{name}", AppleDouble),
        ], [("tl_2024_35_place/.DS_Store", [0, 0, 0, 1, 0x42, 0x75, 0x64, 0x31]), (".DS_Store", [0, 0, 0, 1, 0x42, 0x75, 0x64, 0x31])]);

        var (exitCode, output) = await IntegrityCli.ImportAsync(postgis, folder.Path, "mac_rezip", "PLACE");

        Assert.True(exitCode == 0, output);
        Assert.Contains("macOS metadata member(s) ignored", output);
        Assert.Equal(await TableChecksum.OfAsync(postgis, "mac_original.place_2024"), await TableChecksum.OfAsync(postgis, "mac_rezip.place_2024"));
    }

    [Theory]
    [InlineData("two", "has 2 .shp members (a/tl_2024_35_place.shp, b/tl_2024_35_place.shp)")]
    [InlineData("split", "holds b/tl_2024_35_place.dbf in another folder than a/tl_2024_35_place.shp")]
    public async Task A_zip_that_is_really_ambiguous_is_a_data_error_naming_its_members(string kind, string expected)
    {
        using var original = IntegrityCli.WithFile(Place);
        using var folder = new TempFolder();
        Rezip(Path.Combine(original.Path, Place), Path.Combine(folder.Path, Place), (name, bytes) => kind == "two"
            ? [($"a/{name}", bytes), ($"b/{name}", bytes)]
            : [(name.EndsWith(".dbf", StringComparison.Ordinal) ? $"b/{name}" : $"a/{name}", bytes)], []);

        var (exitCode, output) = await IntegrityCli.ImportAsync(postgis, folder.Path, $"mac_{kind}", "PLACE");

        Assert.True(exitCode == 4, output);
        Assert.Contains(Place, output);
        Assert.Contains(expected, output);
    }

    /// <summary>The start of an AppleDouble file (magic 0x00051607, version 2): what macOS writes as <c>._name</c>.</summary>
    private static readonly byte[] AppleDouble = [0x00, 0x05, 0x16, 0x07, 0x00, 0x02, 0x00, 0x00, .. new byte[74]];

    private static void Rezip(string from, string to, Func<string, byte[], (string Name, byte[] Bytes)[]> place, (string Name, byte[] Bytes)[] extra)
    {
        using var source = ZipFile.OpenRead(from);
        using var target = ZipFile.Open(to, ZipArchiveMode.Create);
        foreach (var entry in source.Entries)
        {
            using var stream = entry.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            foreach (var (name, bytes) in place(entry.Name, copy.ToArray()).Concat(extra.Where(_ => entry == source.Entries[0])))
            {
                using var output = target.CreateEntry(name).Open();
                output.Write(bytes);
            }
        }
    }

    /// <summary>
    /// Six faces of Doña Ana County (35013) in a 2020 file's layout: only <c>…10</c> and <c>…20</c> codes. Faces 2 and 5
    /// lie near a boundary that moved: their 2010 county was Sierra (051).
    /// </summary>
    private static TigerLayerSample Faces(string baseName, Func<int, string> county20)
    {
        var factory = new GeometryFactory(new PrecisionModel(), 4269);
        return new TigerLayerSample(baseName, ShapeType.Polygon,
            [
                TigerField.Number("TFID", 10), TigerField.Text("STATEFP10", 2), TigerField.Text("COUNTYFP10", 3), TigerField.Text("TRACTCE10", 6),
                TigerField.Text("STATEFP20", 2), TigerField.Text("COUNTYFP20", 3), TigerField.Text("TRACTCE20", 6), TigerField.Text("LWFLAG", 1),
            ],
            Enumerable.Range(1, 6).Select(record =>
            {
                var (x, y) = (-106.90 + (0.02 * record), 32.60);
                var square = factory.CreatePolygon([new(x, y), new(x, y + 0.02), new(x + 0.02, y + 0.02), new(x + 0.02, y), new(x, y)]);
                return new TigerFeature(square, [213_000_000L + record, "35", record is 2 or 5 ? "051" : "013", "000100", "35", county20(record), "000101", "L"]);
            }).ToList())
        {
            LastModified = new DateOnly(2020, 9, 1),
        };
    }
}
