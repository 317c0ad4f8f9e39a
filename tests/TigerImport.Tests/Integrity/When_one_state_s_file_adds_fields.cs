using TigerImport.Tests.Support;

namespace TigerImport.Tests.Integrity;

/// <summary>
/// Census publishes one field set per layer and vintage. One state's file that adds a few plausible fields (within
/// the new-column cap) is refused when the layer's other states are published without them, naming the fields and
/// the partitions; and where such fields were let in (<c>--allow-drift</c>), they hold no other state hostage: an
/// innocent state's republish, carrying what its own partition always carried, publishes, while the junk state's own
/// republish is still refused, and its revert takes the columns away again. Real executable, real PostGIS, the PLACE samples of New Mexico (35) and Puerto Rico (72).
/// </summary>
[Collection(PostgisCollection.Name)]
public sealed class When_one_state_s_file_adds_fields(PostgisServer postgis)
{
    private const string NewMexico = "tl_2024_35_place.zip";
    private const string PuertoRico = "tl_2024_72_place.zip";
    private static readonly string[] Junk = ["XFLAG", "XCODE", "XNOTE"];

    [Fact]
    public async Task The_junk_state_s_file_is_refused_naming_the_fields_and_the_other_partitions()
    {
        const string schema = "ids_junk";
        using var folder = await PublishBothAsync(schema);
        var before = await TableChecksum.OfAsync(postgis, $"{schema}.place_2024");
        AddJunk(folder, PuertoRico);

        var (exitCode, output) = await IntegrityCli.ImportAsync(postgis, folder.Path, schema, "PLACE", ["--states", "72"]);

        IntegrityCli.AssertDataError(
            (exitCode, output, before, await TableChecksum.OfAsync(postgis, $"{schema}.place_2024")),
            PuertoRico,
            "its .dbf has field(s) XFLAG, XCODE, XNOTE beyond the layer's field set, the fields its other published partition(s) (35) share",
            "Census publishes one field set per layer and vintage",
            "--allow-drift");
        Assert.Equal(0L, await JunkColumnsAsync(schema));
    }

    [Fact]
    public async Task Junk_let_in_by_allowed_drift_blocks_no_other_state_s_republish()
    {
        const string schema = "ids_hostage";
        using var folder = await PublishBothAsync(schema);
        AddJunk(folder, PuertoRico);
        var allowed = await IntegrityCli.ImportAsync(postgis, folder.Path, schema, "PLACE", ["--states", "72", "--allow-drift"]);
        Assert.True(allowed.ExitCode == 0, allowed.Output);
        Assert.Equal(3L, await JunkColumnsAsync(schema));

        // New Mexico's file is as it always was: its partition never had the junk columns, so it lacks nothing.
        var innocent = await IntegrityCli.ImportAsync(postgis, folder.Path, schema, "PLACE", ["--states", "35", "--force"]);

        Assert.True(innocent.ExitCode == 0, innocent.Output);
        Assert.DoesNotContain("lacks the published field", innocent.Output);
        Assert.Equal(0L, await IntegrityCli.ScalarAsync<long>(postgis, $"SELECT count(*) FROM {schema}.place_2024 WHERE statefp = '35' AND xflag IS NOT NULL"));

        // Puerto Rico's own republish of the junk, without the operator's word, is still refused.
        var before = await TableChecksum.OfAsync(postgis, $"{schema}.place_2024");
        var junk = await IntegrityCli.ImportAsync(postgis, folder.Path, schema, "PLACE", ["--states", "72", "--force"]);
        IntegrityCli.AssertDataError(
            (junk.ExitCode, junk.Output, before, await TableChecksum.OfAsync(postgis, $"{schema}.place_2024")),
            PuertoRico,
            "XFLAG, XCODE, XNOTE beyond the layer's field set");

        // Reverting Puerto Rico's allowed drift restores its columns too: no published partition brought the junk.
        var revert = await CliProcess.RunAsync(postgis.Url, "revert", "--year", "2024", "--layers", "PLACE", "--states", "72", "--schema", schema);
        Assert.True(revert.ExitCode == 0, revert.Output);
        Assert.Equal(0L, await JunkColumnsAsync(schema));
    }

    private async Task<TempFolder> PublishBothAsync(string schema)
    {
        var folder = IntegrityCli.WithFile(NewMexico);
        File.Copy(Path.Combine(RepoPaths.Samples, PuertoRico), Path.Combine(folder.Path, PuertoRico));
        var first = await IntegrityCli.ImportAsync(postgis, folder.Path, schema, "PLACE");
        Assert.True(first.ExitCode == 0, first.Output);
        return folder;
    }

    private static void AddJunk(TempFolder folder, string name)
    {
        var path = Path.Combine(folder.Path, name);
        var zip = ShapefileZip.Read(path);
        zip.AddDbfFields(Junk, 3);
        zip.Write(path);
    }

    private Task<long> JunkColumnsAsync(string schema) =>
        IntegrityCli.ScalarAsync<long>(postgis, $"SELECT count(*) FROM information_schema.columns WHERE table_schema = '{schema}' AND table_name = 'place_2024' AND column_name IN ('xflag', 'xcode', 'xnote')");
}
