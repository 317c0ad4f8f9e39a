using TigerImport.Tests.Support;

namespace TigerImport.Tests.Integrity;

/// <summary>
/// The extent gate holds a county file to its county's published envelope when the vintage's COUNTY layer is published
/// (and a state file to its state's published one when STATE is), through the real executable against PostGIS: an
/// EDGES file moved 2° east, still inside New Mexico's shipped envelope, is published without them and refused with
/// them, naming the file, the gate and the county, with the published table unchanged.
/// </summary>
[Collection(PostgisCollection.Name)]
public sealed class When_published_layers_refine_the_envelopes(PostgisServer postgis)
{
    private const string Edges = "tl_2024_35013_edges.zip";

    private static void MoveEast(ShapefileZip zip) => zip.MovePoints((x, y) => (x + 2, y));

    [Fact]
    public async Task A_county_file_outside_its_published_county_is_refused()
    {
        const string schema = "env_county";
        using var folder = new TempFolder().WithSamples("tl_2024_us_state.zip", "tl_2024_us_county.zip", Edges);
        var layers = await CliProcess.RunAsync(postgis.Url, "import", "--source", folder.Path, "--year", "2024", "--layers", "STATE,COUNTY", "--schema", schema);
        Assert.True(layers.ExitCode == 0, layers.Output);
        var good = await Import(folder.Path, schema);
        Assert.True(good.ExitCode == 0, good.Output);
        Assert.Contains("the extent gate holds files to the published STATE layer env_county.state_2024 (3 states); county files: the published COUNTY layer env_county.county_2024 (5 counties)", good.Output);
        var before = await TableChecksum.OfAsync(postgis, $"{schema}.edges_2024");

        Damage(folder.Path, MoveEast);
        var (exitCode, output) = await Import(folder.Path, schema);

        IntegrityCli.AssertDataError(
            (exitCode, output, before, await TableChecksum.OfAsync(postgis, $"{schema}.edges_2024")),
            Edges,
            "plausibility gate 'extent' failed",
            "lies outside county 35013's published envelope -107.3,31.784 … -106.34,32.78");
    }

    [Fact]
    public async Task Without_published_layers_the_shipped_state_envelope_is_the_bound()
    {
        using var folder = new TempFolder().WithSamples(Edges);
        Damage(folder.Path, MoveEast);

        var (exitCode, output) = await Import(folder.Path, "env_shipped");

        // Still inside New Mexico: the shipped state table cannot tell; the published COUNTY layer above does.
        Assert.True(exitCode == 0, output);
        Assert.Contains("the extent gate holds files to the shipped state envelope table", output);
    }

    [Fact]
    public async Task A_state_file_is_held_to_its_state_s_published_envelope()
    {
        using var folder = new TempFolder().WithSamples("tl_2024_us_state.zip", "tl_2024_35_place.zip");
        Assert.Equal(0, (await CliProcess.RunAsync(postgis.Url, "import", "--source", folder.Path, "--year", "2024", "--layers", "STATE", "--schema", "env_state")).ExitCode);
        var path = Path.Combine(folder.Path, "tl_2024_35_place.zip");
        var zip = ShapefileZip.Read(path);
        zip.MovePoints((x, y) => (x + 10, y));
        zip.Write(path);

        var (exitCode, output) = await CliProcess.RunAsync(postgis.Url, "import", "--source", folder.Path, "--year", "2024", "--layers", "PLACE", "--schema", "env_state");

        Assert.True(exitCode == 4, output);
        Assert.Contains("tl_2024_35_place.zip: plausibility gate 'extent' failed", output);
        Assert.Contains("lies outside state 35's published envelope", output);
        Assert.Equal(0L, await IntegrityCli.ScalarAsync<long>(postgis, "SELECT count(*) FROM pg_tables WHERE schemaname = 'env_state' AND tablename LIKE 'place%'"));
    }

    [Fact]
    public async Task A_published_state_box_wider_than_the_shipped_one_cannot_widen_the_gate()
    {
        const string schema = "env_wide";
        using var folder = new TempFolder().WithSamples("tl_2024_us_state.zip", Edges);
        var published = await CliProcess.RunAsync(postgis.Url, "import", "--source", folder.Path, "--year", "2024", "--layers", "STATE", "--schema", schema);
        Assert.True(published.ExitCode == 0, published.Output);

        // The published New Mexico gains an island off the Atlantic coast (a file with it would not pass the extent
        // gate, so it is written into the published table, as a moved or edited shape would be): its box reaches -75.4.
        await using (var dataSource = postgis.CreateDataSource())
        {
            await TestImport.ExecuteAsync(
                dataSource, $"UPDATE {schema}.state_2024 SET geom = ST_Multi(ST_Union(geom, ST_MakeEnvelope(-75.5, 33.0, -75.4, 33.1, ST_SRID(geom)))) WHERE geoid = '35'");
        }

        Damage(folder.Path, z => z.MovePoints((x, y) => (x + 28, y)));

        var (exitCode, output) = await Import(folder.Path, schema);

        Assert.True(exitCode == 4, output);
        Assert.Contains("the extent gate ignores env_wide.state_2024's envelope of 35", output);
        Assert.Contains($"{Edges}: plausibility gate 'extent' failed", output);
        Assert.Contains("lies outside state 35's envelope", output);
        Assert.Equal(0L, await IntegrityCli.ScalarAsync<long>(postgis, $"SELECT count(*) FROM pg_tables WHERE schemaname = '{schema}' AND tablename LIKE 'edges%'"));
    }

    [Fact]
    public async Task A_national_file_s_records_are_held_to_the_state_their_STATEFP_names()
    {
        using var folder = new TempFolder().WithSamples("tl_2024_us_state.zip");
        var path = Path.Combine(folder.Path, "tl_2024_us_state.zip");
        var zip = ShapefileZip.Read(path);
        // New Mexico and Hawaii (records 1 and 2, west of -100°) moved 5° east with their interior points: still in
        // the nation, each outside its own state; Puerto Rico stays. Two of three exceed the one exception allowed.
        zip.MovePoints((x, y) => (x < -100 ? x + 5 : x, y));
        foreach (var record in new[] { 1, 2 })
        {
            var lon = double.Parse(zip.DbfText(record, "INTPTLON"), System.Globalization.CultureInfo.InvariantCulture);
            zip.SetDbfValue(record, "INTPTLON", (lon + 5).ToString("+0.0000000;-0.0000000", System.Globalization.CultureInfo.InvariantCulture));
        }

        zip.Write(path);

        var (exitCode, output) = await CliProcess.RunAsync(postgis.Url, "import", "--source", folder.Path, "--year", "2024", "--layers", "STATE", "--schema", "env_statefp");

        Assert.True(exitCode == 4, output);
        Assert.Contains("tl_2024_us_state.zip: plausibility gate 'extent' failed: 2 of its 3 features", output);
        Assert.Contains("lies outside state 35's envelope", output);
        Assert.Contains("(the state its STATEFP names)", output);
        Assert.Equal(0L, await IntegrityCli.ScalarAsync<long>(postgis, "SELECT count(*) FROM pg_tables WHERE schemaname = 'env_statefp' AND tablename LIKE 'state%'"));
    }

    private static void Damage(string folder, Action<ShapefileZip> damage)
    {
        var path = Path.Combine(folder, Edges);
        var zip = ShapefileZip.Read(path);
        damage(zip);
        zip.Write(path);
    }

    private Task<(int ExitCode, string Output)> Import(string folder, string schema) =>
        CliProcess.RunAsync(postgis.Url, "import", "--source", folder, "--year", "2024", "--layers", "EDGES", "--schema", schema);
}
