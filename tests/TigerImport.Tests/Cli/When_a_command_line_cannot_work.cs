using System.Diagnostics;
using TigerImport.Tests.Support;

namespace TigerImport.Tests.Cli;

/// <summary>
/// Usage errors (exit 2) in one format, whoever finds them (the parser or the worker's own checks): on stderr, each
/// problem after the command, then the --help hint; never a log line, never on stdout. Found before any connection.
/// </summary>
public sealed class When_a_command_line_cannot_work
{
    /// <summary>JSON logs, and a database that refuses every connection (nothing listens on port 1).</summary>
    private static readonly Dictionary<string, string?> Unreachable = new()
    {
        ["TIGER_LOG_FORMAT"] = "json",
        ["DATABASE_URL"] = "postgres://nobody@127.0.0.1:1/none",
    };

    [Fact]
    public async Task An_unknown_verb_gets_the_nearest_one()
    {
        var (exitCode, stdout, stderr) = await CliProcess.RunApartAsync(Unreachable, "imprt", "--year", "2024");

        Assert.Equal(2, exitCode);
        Assert.Equal("", stdout);
        Assert.Equal(
            ["tigerimport: 'imprt' is not a verb. Did you mean 'import'?", "Run 'tigerimport --help' for the verbs and options."],
            stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task An_unknown_option_gets_the_nearest_one_of_its_verb()
    {
        var (exitCode, _, stderr) = await CliProcess.RunApartAsync(Unreachable, "status", "--layer", "PLACE");

        Assert.Equal(2, exitCode);
        Assert.Contains("tigerimport status: '--layer' is not an option of this verb. Did you mean '--layers'?", stderr);
    }

    [Theory]
    [InlineData("--srid", "9", "--srid (TIGER_SRID) 9")]              // the parser's own check
    [InlineData("--layers", "NOPE", "NOPE")]                          // the request's check (ImportRequest)
    [InlineData("--source", "/no/such/folder", "/no/such/folder")]    // the source's check, which needs no database
    [InlineData("--log-format", "xml", "--log-format")]               // the logging set-up's check
    public async Task Every_usage_error_has_one_format_and_comes_before_any_connection(string option, string value, string named)
    {
        var given = new Dictionary<string, string> { ["--year"] = "2024", ["--layers"] = "PLACE", ["--source"] = Path.GetTempPath(), [option] = value };
        string[] arguments = ["import", .. given.SelectMany(o => new[] { o.Key, o.Value })];
        var clock = Stopwatch.StartNew();

        var (exitCode, stdout, stderr) = await CliProcess.RunApartAsync(Unreachable, arguments);

        Assert.True(exitCode == 2, stderr);
        // The connect budget is 16 s of retries: a usage error found after connecting would take that long.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(8), $"took {clock.Elapsed}: {stderr}");
        Assert.Equal("", stdout);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Run 'tigerimport import --help' for the verbs and options.", lines[^1]);
        Assert.All(lines[..^1], line => Assert.StartsWith("tigerimport import: ", line));
        Assert.Contains(named, stderr);
        Assert.DoesNotContain("{", stderr);
    }
    [Theory]
    [InlineData(new[] { "status", "--yaer", "2024" }, "tigerimport status: '--yaer' is not an option of this verb. Did you mean '--year'?")]
    [InlineData(new[] { "rejects", "--json" }, "tigerimport rejects: '--json' is not an option of this verb. Did you mean '--geojson'?")]
    [InlineData(new[] { "import", "--srid", "--connection", "URL" }, "tigerimport import: --srid '--connection' is not a whole number.")]
    public async Task A_mistake_is_one_problem_and_the_hint(string[] arguments, string problem)
    {
        var (exitCode, stdout, stderr) = await CliProcess.RunApartAsync(Unreachable, arguments);

        Assert.Equal(2, exitCode);
        Assert.Equal("", stdout);
        Assert.Equal([problem, $"Run 'tigerimport {arguments[0]} --help' for the verbs and options."], stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData("TIGER_FORCE", "bogus")]
    [InlineData("TIGER_SKIP_MISSING", "enabled")]
    [InlineData("TIGER_ALLOW_DRIFT", "2")]
    public async Task A_switch_variable_in_no_known_spelling_is_a_usage_error(string variable, string value)
    {
        var (exitCode, stdout, stderr) = await CliProcess.RunApartAsync(
            new Dictionary<string, string?>(Unreachable) { [variable] = value }, "import", "--year", "2024", "--layers", "PLACE", "--source", Path.GetTempPath());

        Assert.True(exitCode == 2, stderr);
        Assert.Equal("", stdout);
        Assert.Contains($"tigerimport import: {variable}='{value}' is neither on nor off: use true, 1, yes, on or false, 0, no, off (any case).", stderr);
    }
}
