using TigerImport.Tests.Support;

namespace TigerImport.Tests.Integrity;

/// <summary>
/// Files that parse perfectly and lie, built in the test from a real Census zip (skipped without ../shared) or a sample
/// and re-zipped with valid CRCs, run through the real executable against PostGIS: each is refused by the plausibility
/// gate named in its exit-4 error (or exit 3 for a missing county file), naming the file, with the published table
/// unchanged; each override publishes what it is for.
/// </summary>
[Collection(PostgisCollection.Name)]
public sealed class When_a_file_lies_about_what_it_is(PostgisServer postgis)
{
    private const string Tract = "tl_2010_44_tract10.zip";
    private const string Place = "tl_2024_35_place.zip";
    private const string Edges = "tl_2024_35013_edges.zip";

    /// <summary>Publishes the good file, replaces it with the lie (under <paramref name="renameTo"/> if given), imports again.</summary>
    private async Task<(int ExitCode, string Output, string Before, string After)> ReimportLyingAsync(
        string schema, string folderPath, string file, string layer, Action<ShapefileZip> lie, string? renameTo = null, params string[] extra)
    {
        var path = Path.Combine(folderPath, file);
        var first = await IntegrityCli.ImportAsync(postgis, folderPath, schema, layer);
        Assert.True(first.ExitCode == 0, first.Output);
        var table = $"{schema}.{layer.ToLowerInvariant()}_{file[3..7]}";
        var before = await TableChecksum.OfAsync(postgis, table);
        var zip = ShapefileZip.Read(path);
        lie(zip);
        File.Delete(path);
        zip.WriteNamedAs(Path.Combine(folderPath, renameTo ?? file));
        var (exitCode, output) = await IntegrityCli.ImportAsync(postgis, folderPath, schema, layer, extra);
        return (exitCode, output, before, await TableChecksum.OfAsync(postgis, table));
    }

    private TempFolder RealTract()
    {
        var shared = RepoPaths.SharedTiger;
        var folder = new TempFolder();
        File.Copy(Path.Combine(shared, Tract), Path.Combine(folder.Path, Tract));
        return folder;
    }

    private static void AssertRefused((int ExitCode, string Output, string Before, string After) run, string file, string gate, int exitCode = 4)
    {
        Assert.True(run.ExitCode == exitCode, run.Output);
        Assert.Contains(file, run.Output);
        Assert.Contains(gate, run.Output);
        Assert.Equal(run.Before, run.After);
    }

    [Fact]
    public async Task Rows_rotated_by_one_against_their_shapes_are_refused_by_shape_agreement()
    {
        using var folder = RealTract();
        AssertRefused(await ReimportLyingAsync("lie_rotate", folder.Path, Tract, "TRACT", zip => zip.RotateDbfRows()), Tract, "plausibility gate 'shape-agreement' failed");
    }

    [Fact]
    public async Task Two_rows_swapped_are_refused_by_shape_agreement()
    {
        using var folder = RealTract();
        AssertRefused(await ReimportLyingAsync("lie_swap", folder.Path, Tract, "TRACT", zip => zip.SwapDbfRows(10, 200)), Tract, "plausibility gate 'shape-agreement' failed: 2 of its 244 features");
    }

    [Fact]
    public async Task Every_coordinate_shifted_40_degrees_of_longitude_is_refused_by_extent()
    {
        using var folder = RealTract();
        AssertRefused(await ReimportLyingAsync("lie_shift", folder.Path, Tract, "TRACT", zip => zip.MovePoints((x, y) => (x + 40, y))), Tract, "plausibility gate 'extent' failed");
    }

    [Fact]
    public async Task X_and_y_swapped_are_refused_by_extent()
    {
        using var folder = RealTract();
        AssertRefused(await ReimportLyingAsync("lie_xy", folder.Path, Tract, "TRACT", zip => zip.MovePoints((x, y) => (y, x))), Tract, "plausibility gate 'extent' failed");
    }

    [Fact]
    public async Task One_shape_repeated_for_every_record_is_refused_by_shape_agreement()
    {
        using var folder = RealTract();
        AssertRefused(await ReimportLyingAsync("lie_repeat", folder.Path, Tract, "TRACT", zip => zip.RepeatShape(1)), Tract, "plausibility gate 'shape-agreement' failed");
    }

    [Fact]
    public async Task A_geoid_with_another_states_prefix_is_refused_by_identity()
    {
        using var folder = RealTract();
        var run = await ReimportLyingAsync("lie_geoid", folder.Path, Tract, "TRACT", zip => zip.SetDbfValue(7, "GEOID10", "09" + zip.DbfText(7, "GEOID10")[2..]));

        AssertRefused(run, Tract, "plausibility gate 'identity' failed: record 7: GEOID '09");
    }

    [Fact]
    public async Task A_2010_file_published_as_2020_is_refused_by_vintage()
    {
        using var folder = new TempFolder();
        ShapefileZip.Read(Path.Combine(RepoPaths.SharedTiger, Tract)).WriteNamedAs(Path.Combine(folder.Path, "tl_2020_44_tract.zip"));

        var (exitCode, output) = await IntegrityCli.ImportAsync(postgis, folder.Path, "lie_2010", "TRACT");

        Assert.True(exitCode == 4, output);
        Assert.Contains("tl_2020_44_tract.zip: plausibility gate 'vintage' failed", output);
        Assert.Contains("GEOID10", output);
        Assert.Equal(0L, await IntegrityCli.ScalarAsync<long>(postgis, "SELECT count(*) FROM pg_tables WHERE schemaname = 'lie_2010' AND tablename = 'tract_2020'"));
    }

    [Fact]
    public async Task A_2021_addrfeat_file_published_as_2016_is_refused_by_its_dbf_date()
    {
        var shared = RepoPaths.SharedTiger;
        using var folder = new TempFolder();
        const string file = "tl_2016_30059_addrfeat.zip";
        File.Copy(Path.Combine(shared, file), Path.Combine(folder.Path, file));
        Assert.Equal(0, (await IntegrityCli.ImportAsync(postgis, folder.Path, "lie_2021", "ADDRFEAT")).ExitCode);
        var before = await TableChecksum.OfAsync(postgis, "lie_2021.addrfeat_2016");
        ShapefileZip.Read(Path.Combine(shared, "tl_2021_30059_addrfeat.zip")).WriteNamedAs(Path.Combine(folder.Path, file));

        var (exitCode, output) = await IntegrityCli.ImportAsync(postgis, folder.Path, "lie_2021", "ADDRFEAT");

        AssertRefused((exitCode, output, before, await TableChecksum.OfAsync(postgis, "lie_2021.addrfeat_2016")), file, "plausibility gate 'vintage' failed: its .dbf header is dated 2021-09-18");
    }

    [Fact]
    public async Task A_sample_dated_2010_published_as_2024_is_refused_by_vintage()
    {
        using var folder = new TempFolder().WithSamples(Place);
        AssertRefused(await ReimportLyingAsync("lie_date", folder.Path, Place, "PLACE", zip => zip.SetDbfDate(2010, 11, 14)), Place, "plausibility gate 'vintage' failed");
    }

    [Fact]
    public async Task A_partition_that_keeps_fewer_than_half_its_keys_is_refused_unless_allowed()
    {
        using var folder = new TempFolder().WithSamples(Place);
        void Renumber(ShapefileZip zip)
        {
            for (var record = 1; record <= 4; record++)
            {
                zip.SetDbfValue(record, "GEOID", $"359999{record}");
            }
        }

        AssertRefused(await ReimportLyingAsync("lie_keys", folder.Path, Place, "PLACE", Renumber), Place, "quality gate 'key-share' failed for lie_keys.place_2024 partition 35");

        var allowed = await IntegrityCli.ImportAsync(postgis, folder.Path, "lie_keys", "PLACE", ["--allow-change"]);
        Assert.True(allowed.ExitCode == 0, allowed.Output);
        Assert.Equal(4L, await IntegrityCli.ScalarAsync<long>(postgis, "SELECT count(*) FROM lie_keys.place_2024 WHERE geoid LIKE '359999%'"));
    }

    [Fact]
    public async Task More_repaired_features_than_the_repair_budget_fail_the_file()
    {
        using var folder = new TempFolder().WithSamples(Place);

        var (exitCode, output) = await IntegrityCli.ImportAsync(postgis, folder.Path, "lie_repair", "PLACE", ["--max-repairs", "0"]);

        Assert.True(exitCode == 4, output);
        Assert.Contains($"{Place}: plausibility gate 'repair-budget' failed: 1 of its 6 features were invalid and repaired", output);
        Assert.Equal(0L, await IntegrityCli.ScalarAsync<long>(postgis, "SELECT count(*) FROM pg_tables WHERE schemaname = 'lie_repair' AND tablename = 'place_2024'"));
        Assert.Equal(0, (await IntegrityCli.ImportAsync(postgis, folder.Path, "lie_repair", "PLACE")).ExitCode);
    }

    /// <summary>The sample county file as another county (or state) of its own: its codes and TLIDs changed as asked.</summary>
    private static void WriteCountyCopy(string folder, string scope, long tlidOffset)
    {
        var zip = ShapefileZip.Read(Path.Combine(RepoPaths.Samples, Edges));
        for (var record = 1; record <= zip.RecordCount; record++)
        {
            zip.SetDbfValue(record, "STATEFP", scope[..2]);
            zip.SetDbfValue(record, "COUNTYFP", scope[2..]);
            zip.SetDbfNumber(record, "TLID", long.Parse(zip.DbfText(record, "TLID"), System.Globalization.CultureInfo.InvariantCulture) + tlidOffset);
        }

        zip.WriteNamedAs(Path.Combine(folder, $"tl_2024_{scope}_edges.zip"));
    }

    [Fact]
    public async Task A_county_file_missing_from_the_source_is_exit_3_naming_it_unless_skip_missing()
    {
        using var folder = new TempFolder().WithSamples(Edges);
        WriteCountyCopy(folder.Path, "35001", 500_000_000);
        Assert.Equal(0, (await IntegrityCli.ImportAsync(postgis, folder.Path, "lie_county", "EDGES")).ExitCode);
        var before = await TableChecksum.OfAsync(postgis, "lie_county.edges_2024");
        File.Delete(Path.Combine(folder.Path, "tl_2024_35001_edges.zip"));

        var (exitCode, output) = await IntegrityCli.ImportAsync(postgis, folder.Path, "lie_county", "EDGES");

        AssertRefused((exitCode, output, before, await TableChecksum.OfAsync(postgis, "lie_county.edges_2024")), "tl_2024_35001_edges.zip", "would delete those counties", exitCode: 3);
        var skipped = await IntegrityCli.ImportAsync(postgis, folder.Path, "lie_county", "EDGES", ["--skip-missing", "--force"]);
        Assert.True(skipped.ExitCode == 0, skipped.Output);
        Assert.Equal(0L, await IntegrityCli.ScalarAsync<long>(postgis, "SELECT count(*) FROM lie_county.edges_2024 WHERE tiger_scope = '35001'"));
    }

    [Fact]
    public async Task A_key_already_published_in_another_states_partition_is_refused_by_layer_unique_key()
    {
        using var folder = new TempFolder().WithSamples(Edges);
        Assert.Equal(0, (await IntegrityCli.ImportAsync(postgis, folder.Path, "lie_layerkey", "EDGES")).ExitCode);
        var before = await TableChecksum.OfAsync(postgis, "lie_layerkey.edges_2024");
        WriteCountyCopy(folder.Path, "48141", 0);

        var (exitCode, output) = await IntegrityCli.ImportAsync(postgis, folder.Path, "lie_layerkey", "EDGES");

        AssertRefused((exitCode, output, before, await TableChecksum.OfAsync(postgis, "lie_layerkey.edges_2024")), "tl_2024_48141_edges.zip) are also in partition 35", "quality gate 'layer-unique-key' failed");
    }
}
