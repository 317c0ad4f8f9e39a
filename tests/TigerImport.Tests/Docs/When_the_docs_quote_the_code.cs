using System.CommandLine;
using System.Text.RegularExpressions;
using TigerImport.Database;
using TigerImport.Import;
using TigerImport.Load;
using TigerImport.Publish;
using TigerImport.Sources;
using TigerImport.Sources.S3;
using TigerImport.Tests.Support;

namespace TigerImport.Tests.Docs;

/// <summary>
/// The docs say what the code does: every option of every verb (read from the command tree itself) is in
/// docs/usage.md with its variable and the parser's default, each verb's row lists exactly its options, and the numbers
/// the docs quote from the code (the connect budget, retries, lock attempts, the stop grace) are the code's constants.
/// </summary>
public sealed partial class When_the_docs_quote_the_code
{
    private static readonly string Usage = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "usage.md"));

    /// <summary>README, docs/ and infra/README.md: what an operator reads.</summary>
    private static readonly IReadOnlyList<(string File, string Text)> Docs =
    [
        .. new[] { "README.md", Path.Combine("infra", "README.md") }.Concat(Directory.GetFiles(Path.Combine(RepoPaths.Root, "docs"), "*.md").Select(f => Path.GetRelativePath(RepoPaths.Root, f)))
            .Select(f => (f, File.ReadAllText(Path.Combine(RepoPaths.Root, f)))),
    ];

    private static IEnumerable<Command> Verbs => TigerImport.Cli.Program.CreateRoot().Subcommands;

    private static IEnumerable<Option> OptionsOf(Command verb) => verb.Options.Where(o => o.Name.StartsWith("--", StringComparison.Ordinal) && o.Name is not ("--help" or "--version"));

    [Fact]
    public void Every_option_of_every_verb_is_in_the_option_table_with_the_parsers_variable_and_default()
    {
        var problems = new List<string>();
        foreach (var (verb, option) in Verbs.SelectMany(v => OptionsOf(v).Select(o => (v, o))).DistinctBy(p => p.o))
        {
            var row = OptionRow().Matches(Usage).FirstOrDefault(m => m.Groups["name"].Value == option.Name);
            if (row is null)
            {
                problems.Add($"{verb.Name} {option.Name}: no row in docs/usage.md's option table");
                continue;
            }

            if (EnvTag().Match(option.Description ?? "") is { Success: true } env && !row.Groups["env"].Value.Contains($"`{env.Groups[1].Value}`", StringComparison.Ordinal))
            {
                problems.Add($"{option.Name}: the parser reads {env.Groups[1].Value}; docs/usage.md says {row.Groups["env"].Value}");
            }

            var documented = row.Groups["default"].Value.Trim();
            var parsed = DefaultOf(verb, option);
            var expected = parsed switch
            {
                null => null,
                false => "off",
                true => "on",
                string text => $"`{text.Replace(Path.TrimEndingDirectorySeparator(Path.GetTempPath()), "$TMPDIR", StringComparison.Ordinal)}`",
                var other => $"`{other}`",
            };
            if (expected is null ? documented.StartsWith('`') && !documented.StartsWith("`--", StringComparison.Ordinal) : documented != expected)
            {
                problems.Add($"{verb.Name} {option.Name}: docs/usage.md's default is {documented}; the parser's is {expected ?? "none (a description, not a value)"}");
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void Each_verbs_row_lists_exactly_its_options()
    {
        var problems = new List<string>();
        foreach (var verb in Verbs)
        {
            var row = VerbRow().Matches(Usage).FirstOrDefault(m => m.Groups["verb"].Value == verb.Name);
            var documented = row is null ? [] : OptionName().Matches(row.Groups["options"].Value).Select(m => m.Value).ToHashSet();
            if (row?.Groups["options"].Value.Contains("every option of `import`", StringComparison.Ordinal) == true)
            {
                documented.UnionWith(OptionsOf(Verbs.Single(v => v.Name == "import")).Select(o => o.Name));
            }

            var parsed = OptionsOf(verb).Select(o => o.Name).ToHashSet();
            if (!documented.SetEquals(parsed))
            {
                problems.Add($"{verb.Name}: docs/usage.md lacks {string.Join(" ", parsed.Except(documented))}; lists {string.Join(" ", documented.Except(parsed))} the verb does not take");
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void The_years_the_docs_allow_are_the_parsers()
    {
        Assert.Equal(DateTime.UtcNow.Year + 1, TigerImport.Catalog.TigerLayers.LastYear);
        Assert.Equal(2010, TigerImport.Catalog.TigerLayers.FirstYear);
        Assert.Contains("| the vintage, 2010 to the year after the current one", Usage);
    }

    [Fact]
    public void The_numbers_the_docs_quote_are_the_codes_constants()
    {
        var delays = new List<double>();
        for (var delay = DatabaseConnection.FirstReachDelay; delays.Sum() + delay.TotalSeconds < DatabaseConnection.ReachBudget.TotalSeconds; delay *= 2)
        {
            delays.Add(delay.TotalSeconds);
        }

        var budget = $"{DatabaseConnection.ReachBudget.TotalSeconds:0} s";
        var attempts = new DownloadPolicy().MaxAttempts;
        var quotes = new (string What, Regex Pattern, string Expected)[]
        {
            ("the connect budget", new(@"unreachable after (\d+ s)"), budget),
            ("the connect budget", new(@"retried for up to (\d+ s)"), budget),
            ("the connect backoff", new(@"retried for up to \d+ s \(([\d., ]+ s)\)"), string.Join(", ", delays) + " s"),
            ("download attempts", new(@"attempts per download / listing \| (\d+ \(\d+ retries\))"), $"{attempts} ({attempts - 1} retries)"),
            ("download attempts", new(@"(?:up to|after) (\d+) attempts"), attempts.ToString()),
            ("S3 attempts", new(@"S3 attempts \| (\d+) per operation"), S3ObjectStore.Attempts.ToString()),
            ("the publish's lock_timeout", new(@"`lock_timeout` (\d+ ms)"), $"{PartitionRotator.LockTimeout.TotalMilliseconds:0} ms"),
            ("the publish's retry delay", new(@"retried about every ([\d.]+ s)"), $"{PartitionRotator.RetryDelay.TotalSeconds:0.#} s"),
            ("the publish's patience", new(@"every [\d.]+ s for up to (\d+ min)"), $"{PartitionRotator.SwapPatience.TotalMinutes:0} min"),
            ("the lock wait", new(@"`--lock-wait` \(default (\d+ s)\)"), $"{ImportOptions.DefaultLockWait.TotalSeconds:0} s"),
            ("the stop grace", new(@"stops within (\d+ s) of SIGTERM"), $"{TigerImport.Cli.Program.ShutdownGrace.TotalSeconds:0} s"),
            ("connections per task", new(@"up to (\d+) connections each"), ImportOptions.MaxConnections(ImportOptions.DefaultJobs).ToString()),
            ("connections per task", new(@"children × (\d+) connections"), ImportOptions.MaxConnections(ImportOptions.DefaultJobs).ToString()),
            ("the index builds' sort memory", new(@"sorts in `maintenance_work_mem` = (\d+MB)"), StagingTable.IndexBuildMemory),
            ("the region sync's work_mem", new(@"sets `work_mem` to (\d+MB)"), TigerImport.Regions.RegionSync.WorkMem),
        };

        var problems = new List<string>();
        foreach (var (what, pattern, expected) in quotes)
        {
            var found = Docs.SelectMany(d => pattern.Matches(d.Text).Select(m => (d.File, Value: m.Groups[1].Value))).ToList();
            if (found.Count == 0)
            {
                problems.Add($"{what}: no doc quotes it any more ({pattern}); keep the quote or drop the check");
            }

            problems.AddRange(found.Where(f => f.Value != expected).Select(f => $"{f.File}: {what} is quoted as {f.Value}; the code's is {expected}"));
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void Every_Terraform_variable_the_docs_name_exists()
    {
        var declared = Directory.GetFiles(Path.Combine(RepoPaths.Root, "infra"), "*.tf", SearchOption.AllDirectories)
            .SelectMany(f => TerraformVariable().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value)).ToHashSet();
        // Settings quoted that are not Terraform variables: the S3 backend's, Zappa's and Django's.
        string[] others = ["use_lockfile", "manage_roles", "on_delete"];
        var named = Docs.SelectMany(d => TfvarsAssignment().Matches(d.Text).Select(m => (d.File, Name: m.Groups[1].Value))).Where(n => !others.Contains(n.Name)).Distinct().ToList();

        Assert.NotEmpty(named);
        Assert.Empty(named.Where(n => !declared.Contains(n.Name)).Select(n => $"{n.File}: `{n.Name} = …` names no Terraform variable"));
    }

    [Fact]
    public void The_region_sync_recipe_creates_the_table_the_tests_sync_into()
    {
        var recipe = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "coalition-builder.md"));
        var ddl = string.Format(System.Globalization.CultureInfo.InvariantCulture, Regions.RegionSamples.RegionDdl, "app");

        Assert.Contains(Squeezed(ddl), Squeezed(recipe), StringComparison.Ordinal);
    }

    private static string Squeezed(string text) => string.Join(' ', text.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));

    /// <summary>The default the parser gives an option of this verb with nothing on the command line and no variable set.</summary>
    private static object? DefaultOf(Command verb, Option option)
    {
        var variable = EnvTag().Match(option.Description ?? "") is { Success: true } env ? env.Groups[1].Value : null;
        var saved = variable is null ? null : Environment.GetEnvironmentVariable(variable);
        Assert.True(saved is null, $"{variable} is set in the test's environment; the defaults are read without it");
        return verb.Parse([]).GetResult(option)?.GetValueOrDefault<object?>();
    }

    [GeneratedRegex(@"^\| `(?<name>--[a-z0-9-]+)` \| (?<env>[^|]*) \| (?<default>[^|]*) \|", RegexOptions.Multiline)]
    private static partial Regex OptionRow();

    [GeneratedRegex(@"^\| `(?<verb>[a-z-]+)` \| (?<options>[^\n]*) \|$", RegexOptions.Multiline)]
    private static partial Regex VerbRow();

    [GeneratedRegex(@"--[a-z0-9-]+")]
    private static partial Regex OptionName();

    [GeneratedRegex(@"\[env: ([A-Z0-9_]+)")]
    private static partial Regex EnvTag();

    [GeneratedRegex(@"^\s*variable\s+""([a-z0-9_]+)""", RegexOptions.Multiline)]
    private static partial Regex TerraformVariable();

    /// <summary>A Terraform setting quoted in prose: <c>`name = value`</c> or <c>`name=value`</c>.</summary>
    [GeneratedRegex(@"`([a-z][a-z0-9_]*_[a-z0-9_]+) ?= ?[^`]*`")]
    private static partial Regex TfvarsAssignment();
}
