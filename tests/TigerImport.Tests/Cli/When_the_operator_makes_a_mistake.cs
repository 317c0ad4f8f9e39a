using TigerImport.Tests.Support;

namespace TigerImport.Tests.Cli;

/// <summary>The operator's contract: every usage mistake exits 2 with a sentence that says what to do, before any connection.</summary>
[Collection(PostgisCollection.Name)]
public sealed class When_the_operator_makes_a_mistake(PostgisServer postgis)
{
    /// <summary>A database nobody listens on: a usage error must be found before it would be reached (which takes 16 s to give up).</summary>
    private const string Unreachable = "postgres://nobody@127.0.0.1:1/none";

    private static readonly string[] Valid = ["--source", RepoPaths.Samples, "--year", "2024", "--layers", "PLACE"];

    /// <summary>A valid import command with some options replaced or added.</summary>
    private static string[] Import(params string[] changes)
    {
        var arguments = Valid.ToList();
        for (var i = 0; i + 1 < changes.Length; i += 2)
        {
            var at = arguments.IndexOf(changes[i]);
            if (at >= 0)
            {
                arguments[at + 1] = changes[i + 1];
            }
            else
            {
                arguments.AddRange([changes[i], changes[i + 1]]);
            }
        }

        return ["import", .. arguments];
    }

    [Theory]
    [InlineData("imprt", "'imprt' is not a verb. Did you mean 'import'?")]
    [InlineData("import --bogus", "Unrecognized command or argument '--bogus'")]
    [InlineData("", "Required command was not provided")]
    [InlineData("import --year abc", "--year (TIGER_YEAR) must be a TIGER/Line vintage")]
    [InlineData("import --srid x", "--srid 'x' is not a whole number")]
    [InlineData("import --srid 2263", "--srid (TIGER_SRID) 2263 is not supported: choose one of")]
    [InlineData("import --max-downloads 0", "--max-downloads (TIGER_MAX_DOWNLOADS) must be 1 to 16")]
    [InlineData("import --schema pg_tiger", "is reserved by PostgreSQL")]
    [InlineData("import --schema information_schema", "is reserved by PostgreSQL")]
    [InlineData("import --schema ééééééééééééééééééééééééééééééé", "is 62 bytes in UTF-8; at most 55 fit")]
    [InlineData("import --counties 35999x", "Unknown county '35999x'")]
    [InlineData("import --connection Host=db;Colour=blue", "The connection string (--connection or DATABASE_URL) is malformed")]
    [InlineData("import --connection postgres://", "must look like postgres://user:password@host:5432/database")]
    [InlineData("import --connection postgres://u:p@db/x?sslmode=sometimes", "The connection URL's sslmode is not a mode PostgreSQL knows: use disable, allow, prefer, require, verify-ca or verify-full")]
    [InlineData("import --connection postgres://u:p@db/x?colour=blue", "DATABASE_URL) has a query parameter that is not a connection setting (or not a value it takes): 'colour'")]
    [InlineData("import --log-format xml", "--log-format must be auto, json or text")]
    [InlineData("rejects --run nope", "--run 'nope' is not a run id")]
    [InlineData("rejects --geojson /nonexistent-folder/rejects.geojson", "--geojson: the folder /nonexistent-folder does not exist")]
    public async Task It_exits_2_and_says_what_to_do(string command, string message)
    {
        var words = command.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var arguments = words is ["import", .. var rest] && rest.Length % 2 == 0 ? Import(rest) : words;

        var (exitCode, output) = await CliProcess.RunAsync(Unreachable, arguments);

        Assert.True(exitCode == 2, output);
        Assert.Contains(message, output);
        Assert.DoesNotContain("Exception", output);
    }

    [Fact]
    public async Task A_variable_is_checked_like_its_option()
    {
        var (exitCode, output) = await CliProcess.RunInEnvironmentAsync(
            new Dictionary<string, string?> { ["DATABASE_URL"] = Unreachable, ["TIGER_SRID"] = "900913" }, Import());

        Assert.True(exitCode == 2, output);
        Assert.Contains("--srid (TIGER_SRID) 900913 is not supported", output);
    }

    [Fact]
    public async Task Without_DATABASE_URL_the_PG_variables_name_the_database()
    {
        var url = new Uri(postgis.Url);
        var (exitCode, output) = await CliProcess.RunInEnvironmentAsync(
            new Dictionary<string, string?>
            {
                ["DATABASE_URL"] = null,
                ["PGHOST"] = url.Host,
                ["PGPORT"] = url.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["PGDATABASE"] = url.AbsolutePath.TrimStart('/'),
                ["PGUSER"] = Uri.UnescapeDataString(url.UserInfo.Split(':')[0]),
                ["PGPASSWORD"] = url.UserInfo.Split(':') is [_, var password] ? Uri.UnescapeDataString(password) : null,
            },
            "status", "--schema", "from_pg_variables", "--log-format", "text");

        Assert.True(exitCode == 0, output);
        Assert.Contains($"on {url.Host}:{url.Port}/{url.AbsolutePath.TrimStart('/')}", output);
    }

    [Fact]
    public async Task An_unsupported_srid_leaves_no_schema_behind()
    {
        var (exitCode, output) = await CliProcess.RunAsync(postgis.Url, Import("--schema", "nosrid", "--srid", "2263"));

        Assert.True(exitCode == 2, output);
        await using var db = postgis.CreateDataSource();
        Assert.Equal(0L, await TestImport.ScalarAsync<long>(db, "SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'nosrid%'"));
    }

    [Fact]
    public async Task Reverting_a_layer_never_published_says_there_is_nothing_to_revert()
    {
        var (exitCode, output) = await CliProcess.RunAsync(postgis.Url, "revert", "--year", "2024", "--layers", "PLACE", "--schema", "neverpub");

        Assert.True(exitCode == 2, output);
        Assert.Contains("neverpub.place_2024 has no previous version to revert to", output);
    }

    [Fact]
    public async Task An_unknown_county_lists_the_counties_the_source_has_for_its_state()
    {
        var (exitCode, output) = await CliProcess.RunAsync(postgis.Url, "import", "--source", RepoPaths.Samples, "--year", "2024", "--layers", "EDGES", "--counties", "35999", "--schema", "badcounty");

        Assert.True(exitCode == 2, output);
        Assert.Contains("Unknown county '35999' for EDGES 2024: the source lists 1 county file(s) of New Mexico: 35013", output);
    }

    [Fact]
    public async Task A_year_the_source_does_not_hold_exits_3_naming_what_it_looked_for_and_the_zips_it_ignored()
    {
        using var folder = new TempFolder().WithSamples("tl_2024_35_place.zip");
        File.WriteAllText(Path.Combine(folder.Path, "places-backup.zip"), "not a census name");

        var (exitCode, output) = await CliProcess.RunAsync(postgis.Url, "import", "--source", folder.Path, "--year", "2023", "--layers", "PLACE", "--schema", "noyear");

        Assert.True(exitCode == 3, output);
        Assert.Contains($"{folder.Path} holds no file for PLACE 2023: looked for tl_2023_SS_place.zip", output);
        Assert.Contains("1 zip(s) whose names are not Census file names, ignored: places-backup.zip", output);
        await using var db = postgis.CreateDataSource();
        Assert.Equal("failed", await TestImport.ScalarAsync<string>(db, "SELECT status FROM noyear.tiger_runs"));
    }
}
