using TigerImport.Tests.Support;

namespace TigerImport.Tests.Integrity;

/// <summary>
/// Real cartographic boundary files (../shared/tiger/genz, skipped without them) that lie, through the real executable
/// against PostGIS: two California districts' shapes swapped are refused on a first load by <c>shape-agreement</c>'s
/// cartographic area bound; their keys swapped (so each shape agrees with its row's area) are refused on a republish by
/// <c>shape-swapped</c>, though two moved keys are within <c>shape-moved</c>'s share; Rhode Island moved east in the
/// national STATE file is refused on a first load by <c>extent</c> at 0.3° and on a republish by <c>shape-shifted</c> at
/// 0.15° (its old point on surface still inside). Each is exit 4 naming the file and the gate, the table unchanged.
/// </summary>
[Collection(PostgisCollection.Name)]
public sealed class When_cartographic_shapes_are_swapped_or_moved(PostgisServer postgis)
{
    private const string Districts = "cb_2018_us_cd116_20m.zip";
    private const string States = "cb_2020_us_state_20m.zip";

    /// <summary>The CLI's output with its line wrapping undone, to find a sentence in it.</summary>
    private static string Unwrapped(string output) => System.Text.RegularExpressions.Regex.Replace(output, @"\s*\n\s*", " ");

    private static TempFolder WithCartographicFile(string name)
    {
        var source = Path.Combine(RepoPaths.SharedTiger, "genz", name);
        Assert.SkipUnless(File.Exists(source), $"{source} is missing: skipped.");
        var folder = new TempFolder();
        File.Copy(source, Path.Combine(folder.Path, name));
        return folder;
    }

    private static void Damage(string path, Action<ShapefileZip> damage)
    {
        var zip = ShapefileZip.Read(path);
        damage(zip);
        File.Delete(path);
        zip.Write(path);
    }

    /// <summary>The first <paramref name="count"/> records (from 1) whose STATEFP is <paramref name="state"/>.</summary>
    private static int[] RecordsOf(ShapefileZip zip, string state, int count) =>
        [.. Enumerable.Range(1, zip.RecordCount).Where(r => zip.DbfText(r, "STATEFP") == state).Take(count)];

    private async Task<(int ExitCode, string Output, string Before, string After)> RepublishDamagedAsync(string file, string layer, string schema, string table, Action<ShapefileZip> damage)
    {
        using var folder = WithCartographicFile(file);
        var first = await IntegrityCli.ImportAsync(postgis, folder.Path, schema, layer);
        Assert.True(first.ExitCode == 0, first.Output);
        var before = await TableChecksum.OfAsync(postgis, $"{schema}.{table}");
        Damage(Path.Combine(folder.Path, file), damage);
        var (exitCode, output) = await IntegrityCli.ImportAsync(postgis, folder.Path, schema, layer);
        return (exitCode, output, before, await TableChecksum.OfAsync(postgis, $"{schema}.{table}"));
    }

    private async Task AssertRefusedOnFirstLoadAsync(string file, string layer, string schema, string table, Action<ShapefileZip> damage, string cause)
    {
        using var folder = WithCartographicFile(file);
        Damage(Path.Combine(folder.Path, file), damage);

        var (exitCode, output) = await IntegrityCli.ImportAsync(postgis, folder.Path, schema, layer);

        Assert.True(exitCode == 4, output);
        Assert.Contains($"{file}: plausibility gate '{cause}' failed", output);
        Assert.Equal(0L, await IntegrityCli.ScalarAsync<long>(postgis, $"SELECT count(*) FROM pg_tables WHERE schemaname = '{schema}' AND tablename = '{table}'"));
    }

    [Fact]
    public async Task Two_California_districts_with_their_shapes_swapped_are_refused_on_a_first_load_by_shape_agreement()
    {
        // The 12th (San Francisco, 313 km² of land and water) and the 45th (861 km²): each shape is a seventh or 2.5 times its row's.
        await AssertRefusedOnFirstLoadAsync(Districts, "CB_CD_20M", "cb_swap", "cb_cd_2018_20m", zip =>
        {
            var (a, b) = RecordsOf(zip, "06", 2) is [var x, var y] ? (x, y) : throw new InvalidOperationException("no two California districts");
            zip.SwapDbfRows(a, b);
        }, "shape-agreement");
    }

    [Fact]
    public async Task Two_California_districts_with_their_keys_swapped_are_refused_on_a_republish_by_shape_swapped()
    {
        var run = await RepublishDamagedAsync(Districts, "CB_CD_20M", "cb_keyswap", "cb_cd_2018_20m", zip =>
        {
            var (a, b) = RecordsOf(zip, "06", 2) is [var x, var y] ? (x, y) : throw new InvalidOperationException("no two California districts");
            foreach (var field in new[] { "GEOID", "CD116FP", "AFFGEOID" })
            {
                var (first, second) = (zip.DbfText(a, field), zip.DbfText(b, field));
                zip.SetDbfValue(a, field, second);
                zip.SetDbfValue(b, field, first);
            }
        });

        IntegrityCli.AssertDataError(run, Districts, "quality gate 'shape-swapped' failed");
        Assert.Contains("first: 0612, 0645", Unwrapped(run.Output));
        Assert.Contains("shape-moved: 2 of the 437 keys both versions have moved their shape", Unwrapped(run.Output));
    }

    [Fact]
    public async Task Rhode_Island_moved_a_third_of_a_degree_east_is_refused_on_a_first_load_by_extent()
    {
        await AssertRefusedOnFirstLoadAsync(States, "CB_STATE_20M", "cb_ri03", "cb_state_2020_20m", zip => zip.MovePoints((x, y) => (x + 0.3, y), only: RecordsOf(zip, "44", 1)[0]), "extent");
    }

    [Fact]
    public async Task Rhode_Island_moved_0_15_degrees_east_is_refused_on_a_republish_by_shape_shifted()
    {
        var run = await RepublishDamagedAsync(States, "CB_STATE_20M", "cb_ri015", "cb_state_2020_20m", zip => zip.MovePoints((x, y) => (x + 0.15, y), only: RecordsOf(zip, "44", 1)[0]));

        IntegrityCli.AssertDataError(run, States, "quality gate 'shape-shifted' failed");
        Assert.Contains("the new shapes of 1 of the 52 geoid values it shares with the partition it replaces are their old shapes moved whole (first: 44)", Unwrapped(run.Output));
        Assert.Contains("shape-moved: 1 of the 52 keys both versions have moved their shape", Unwrapped(run.Output));
    }
}
