using TigerImport.Tests.Support;

namespace TigerImport.Tests.Cli;

/// <summary>The real executable, as an operator runs it: exit codes and messages.</summary>
[Collection(PostgisCollection.Name)]
public sealed class When_the_command_line_is_wrong_or_the_job_runs(PostgisServer postgis)
{
    [Theory]
    [InlineData("--layers", "TRACTS", "Unknown layer 'TRACTS'")]
    [InlineData("--states", "ZZ", "Unknown state 'ZZ'")]
    [InlineData("--year", "1999", "--year")]
    public async Task A_wrong_option_exits_2_with_a_message(string option, string value, string message)
    {
        string[] arguments = ["import", "--source", RepoPaths.Samples, "--year", "2024", "--layers", "PLACE"];
        var index = Array.IndexOf(arguments, option);
        if (index >= 0)
        {
            arguments[index + 1] = value;
        }
        else
        {
            arguments = [.. arguments, option, value];
        }

        var (exitCode, output) = await CliProcess.RunAsync("postgres://nobody@127.0.0.1:1/none", arguments);

        Assert.Equal(2, exitCode);
        Assert.Contains(message, output);
    }

    [Fact]
    public async Task Help_lists_every_option_with_its_environment_variable()
    {
        var (exitCode, output) = await CliProcess.RunAsync(null, "import", "--help");

        Assert.Equal(0, exitCode);
        foreach (var variable in new[] { "TIGER_SOURCE", "TIGER_YEAR", "TIGER_LAYERS", "TIGER_STATES", "TIGER_SCHEMA", "TIGER_SRID" })
        {
            Assert.Contains(variable, output);
        }
    }

    [Fact]
    public async Task The_samples_import_publishes_every_layer_and_accounts_for_every_feature()
    {
        var (exitCode, output) = await CliProcess.RunAsync(postgis.Url, "import", "--source", RepoPaths.Samples, "--year", "2024", "--layers", "STATE,COUNTY,CD,SLDU,PLACE,ZCTA520,EDGES", "--schema", "cli");

        Assert.True(exitCode == 0, output);
        await using var db = postgis.CreateDataSource();
        Assert.Equal(7L, await TestImport.ScalarAsync<long>(db, "SELECT count(DISTINCT table_name) FROM cli.tiger_partitions WHERE slot = 'published'"));
        Assert.Equal(9L, await TestImport.ScalarAsync<long>(db, "SELECT count(*) FROM cli.tiger_partitions WHERE slot = 'published'"));
        Assert.Equal(1L, await TestImport.ScalarAsync<long>(db, "SELECT count(*) FROM cli.tiger_rejects WHERE file_name = 'tl_2024_35_sldu.zip' AND reason = 'empty geometry'"));
        Assert.Equal(1L, await TestImport.ScalarAsync<long>(db, "SELECT sum(repaired)::bigint FROM cli.tiger_partitions WHERE table_name = 'place_2024'"));
        Assert.Equal("Doña Ana County", await TestImport.ScalarAsync<string>(db, "SELECT namelsad FROM cli.county_2024 WHERE geoid = '35013'"));
        foreach (var table in new[] { "state_2024", "county_2024", "cd_2024", "sldu_2024", "place_2024", "zcta520_2024", "edges_2024" })
        {
            Assert.Equal(0L, await TestImport.ScalarAsync<long>(db, $"SELECT count(*) FROM cli.{table} WHERE geom IS NULL OR ST_IsEmpty(geom) OR NOT ST_IsValid(geom)"));
        }
    }

    [Fact]
    public async Task Help_names_the_command_tigerimport_and_revert_help_speaks_of_backups_not_sources()
    {
        var (exitCode, root) = await CliProcess.RunAsync(null, "--help");
        var (_, revert) = await CliProcess.RunAsync(null, "revert", "--help");

        Assert.Equal(0, exitCode);
        Assert.Contains("tigerimport [command] [options]", root);
        Assert.Contains("rejects", root);
        Assert.Contains("tigerimport revert [options]", revert);
        Assert.DoesNotContain("source", revert);
    }

    [Fact]
    public async Task A_missing_database_is_a_usage_error() =>
        Assert.Equal(2, (await CliProcess.RunAsync(null, "import", "--source", RepoPaths.Samples, "--year", "2024", "--layers", "PLACE")).ExitCode);

    [Fact]
    public async Task SIGTERM_mid_load_exits_130_and_leaves_the_published_layer_as_it_was()
    {
        using var folder = new TempFolder().WithSamples("tl_2024_35013_edges.zip");
        string[] import = ["import", "--source", folder.Path, "--year", "2024", "--layers", "EDGES", "--schema", "sigterm"];
        Assert.Equal(0, (await CliProcess.RunAsync(postgis.Url, import)).ExitCode);
        folder.Write(LargeSample.Edges(400_000));

        using var process = CliProcess.Start(postgis.Url, import);
        await process.WaitForLineAsync("Planned EDGES");
        await Task.Delay(1500, TestContext.Current.CancellationToken);
        var exitCode = await process.SignalAsync("TERM");

        Assert.True(exitCode == 130, process.Output);
        await using var db = postgis.CreateDataSource();
        Assert.Equal(17L, await TestImport.ScalarAsync<long>(db, "SELECT count(*) FROM sigterm.edges_2024"));
        Assert.Equal("cancelled", await TestImport.ScalarAsync<string>(db, "SELECT status FROM sigterm.tiger_runs ORDER BY started_at DESC LIMIT 1"));
        Assert.Equal(0L, await TestImport.ScalarAsync<long>(db, "SELECT count(*) FROM pg_tables WHERE schemaname = 'sigterm_staging'"));
    }
}
