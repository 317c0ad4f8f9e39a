using NetTopologySuite.Geometries;
using TigerImport.Archive;
using TigerImport.Catalog;
using TigerImport.Tests.Support;

namespace TigerImport.Tests.Integrity;

/// <summary>
/// Drift on a first load and within one run: a file with dozens of junk fields into an empty schema is refused (they
/// would become the layer's columns, and every real state's file would then "lack" them); so is a run mixing it with a
/// real file; a file of one run whose fields differ from the layer's other files' is refused by the gate
/// <c>field-set</c>; a field or two Census might add later passes, logged. Every real file in ../shared and every
/// sample has no field outside the vocabulary. Real executable, real PostGIS, the 2010 tracts of RI, CT and DE.
/// </summary>
[Collection(PostgisCollection.Name)]
public sealed class When_a_first_load_brings_fields_census_does_not_write(PostgisServer postgis)
{
    private const string RhodeIsland = "tl_2010_44_tract10.zip";
    private const string Connecticut = "tl_2010_09_tract10.zip";
    private const string Delaware = "tl_2010_10_tract10.zip";

    [Fact]
    public async Task Forty_junk_fields_on_a_first_load_are_refused()
    {
        using var folder = WithJunk(40);

        var (exitCode, output) = await IntegrityCli.ImportAsync(postgis, folder.Path, "drift_junk40", "TRACT");

        Assert.True(exitCode == 4, output);
        Assert.Contains($"{RhodeIsland}: its .dbf has 40 fields Census does not write in TIGER/Line or cartographic files (JUNK00, JUNK01", output);
        Assert.Contains("--allow-drift", output);
        Assert.Equal(0L, await TablesAsync("drift_junk40"));
    }

    [Fact]
    public async Task A_run_mixing_the_junk_file_with_a_real_one_is_refused_naming_the_junk_file()
    {
        using var folder = WithJunk(40);
        File.Copy(Path.Combine(RepoPaths.SharedTiger, Connecticut), Path.Combine(folder.Path, Connecticut));

        var (exitCode, output) = await IntegrityCli.ImportAsync(postgis, folder.Path, "drift_mix", "TRACT");

        Assert.True(exitCode == 4, output);
        Assert.Contains($"{RhodeIsland}: its .dbf has 40 fields Census does not write", output);
        Assert.Equal(0L, await TablesAsync("drift_mix"));
    }

    [Fact]
    public async Task Two_unknown_plausible_fields_pass_logged()
    {
        using var folder = WithJunk(2);

        var (exitCode, output) = await IntegrityCli.ImportAsync(postgis, folder.Path, "drift_two", "TRACT");

        Assert.True(exitCode == 0, output);
        Assert.Contains($"{RhodeIsland}: 2 new column(s) from field(s) Census does not write in TIGER/Line or cartographic files, within the cap: JUNK00, JUNK01", output);
    }

    [Fact]
    public async Task A_file_whose_fields_differ_from_the_run_s_other_files_is_refused()
    {
        using var folder = IntegrityCli.WithFile(RhodeIsland);
        foreach (var name in new[] { Connecticut, Delaware })
        {
            File.Copy(Path.Combine(RepoPaths.SharedTiger, name), Path.Combine(folder.Path, name));
        }

        var path = Path.Combine(folder.Path, RhodeIsland);
        var zip = ShapefileZip.Read(path);
        zip.RemoveDbfField("FUNCSTAT10");
        zip.Write(path);

        var (exitCode, output) = await IntegrityCli.ImportAsync(postgis, folder.Path, "drift_fieldset", "TRACT");

        Assert.True(exitCode == 4, output);
        Assert.Contains(
            $"{RhodeIsland}: plausibility gate 'field-set' failed: its .dbf lacks field(s) FUNCSTAT10, unlike the layer's other file(s) in this run ({Connecticut}, {Delaware}): Census publishes one field set per layer and vintage",
            output);
        Assert.Equal(0L, await TablesAsync("drift_fieldset"));
    }

    [Fact]
    public void Every_real_file_and_sample_has_only_fields_census_writes()
    {
        var zips = Directory.EnumerateFiles(RepoPaths.SharedTiger, "*.zip", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(RepoPaths.Samples, "*.zip", SearchOption.AllDirectories))
            .Order(StringComparer.Ordinal).ToList();
        foreach (var path in zips)
        {
            var name = Path.GetFileName(path);
            Assert.True(TigerFileName.TryParse(name, out var file), name);
            using var archive = TigerArchive.Open(path, name, file.Layer, TestContext.Current.CancellationToken);
            using var records = archive.OpenRecords(System.Text.Encoding.Latin1, new GeometryFactory(), TestContext.Current.CancellationToken);

            Assert.Empty(records.Fields.Select(f => f.Name).Where(f => !CensusFieldNames.Knows(f)).Select(f => $"{name}: {f}"));
        }

        Assert.True(zips.Count >= 38, $"{zips.Count} zips");
    }

    private static TempFolder WithJunk(int fields)
    {
        var folder = IntegrityCli.WithFile(RhodeIsland);
        var path = Path.Combine(folder.Path, RhodeIsland);
        var zip = ShapefileZip.Read(path);
        zip.AddDbfFields(Enumerable.Range(0, fields).Select(k => $"JUNK{k:00}").ToList(), 5);
        zip.Write(path);
        return folder;
    }

    private Task<long> TablesAsync(string schema) =>
        IntegrityCli.ScalarAsync<long>(postgis, $"SELECT count(*) FROM pg_tables WHERE schemaname = '{schema}' AND tablename LIKE 'tract%'");
}
