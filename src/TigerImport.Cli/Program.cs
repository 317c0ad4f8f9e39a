using System.CommandLine;

namespace TigerImport.Cli;

/// <summary>The composition root: the verbs (a <c>*Command</c> each) under one named root; <see cref="VerbRunner"/> runs each and maps its outcome to an exit code.</summary>
internal static class Program
{
    /// <summary>ECS gives a task 120 s (its maximum stopTimeout) between SIGTERM and SIGKILL; leave 10 s to flush logs.</summary>
    internal static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(110);

    private static async Task<int> Main(string[] args)
    {
        var root = CreateRoot();
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // System.CommandLine would exit 1, which this tool keeps for bugs: a command line it cannot read is usage (2).
            var verb = parse.CommandResult.Command == root ? null : parse.CommandResult.Command.Name;
            // The first problem only: the parser reports a mistyped option once per token it could not place
            // ("--yaer", then "2024"), and a value it took for an option's argument again as unrecognized.
            var problems = parse.Errors.Select(e => e.Message)
                .OrderBy(m => parse.UnmatchedTokens.Any(t => m.Contains($"'{t}'", StringComparison.Ordinal)))
                .Take(1).ToList();
            if (verb is null && args.FirstOrDefault(a => !a.StartsWith('-')) is { } unknown)
            {
                // One problem, not one per argument of a verb that does not exist.
                problems = [Nearest(unknown, root.Subcommands.Select(c => c.Name)) is { } nearest
                    ? $"'{unknown}' is not a verb. Did you mean '{nearest}'?"
                    : $"'{unknown}' is not a verb: the verbs are {string.Join(", ", root.Subcommands.Select(c => c.Name))}."];
            }

            foreach (var option in parse.UnmatchedTokens.Where(t => t.StartsWith("--", StringComparison.Ordinal)).Distinct())
            {
                if (Nearest(option.Split('=')[0], parse.CommandResult.Command.Options.Select(o => o.Name)) is { } nearest)
                {
                    problems = [$"'{option}' is not an option of this verb. Did you mean '{nearest}'?"];
                    break;
                }
            }

            return await UsageError.WriteAsync(verb, problems);
        }

        return await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = ShutdownGrace });
    }

    /// <summary>Every verb and option (the docs test reads the same tree).</summary>
    internal static Command CreateRoot() =>
        // A named root, not RootCommand (named after the entry assembly, TigerImport.Cli): the help says the command a user types.
        new Command("tigerimport", "Loads US Census TIGER/Line shapefiles into PostGIS with binary COPY and an atomic publish.")
        {
            new System.CommandLine.Help.HelpOption(),
            new VersionOption(),
            ImportCommand.Create(),
            RevertCommand.Create(),
            RejectsCommand.Create(),
            SyncRegionsCommand.Create(),
            StatusCommand.Create(),
            PlanCommand.Create(),
            PruneBackupsCommand.Create(),
        };

    /// <summary>The verb nearest to a mistyped one (at most a third of its letters wrong), as git suggests a command.</summary>
    internal static string? Nearest(string typed, IEnumerable<string> verbs) =>
        verbs.Select(v => (Verb: v, Distance: Distance(typed.ToLowerInvariant(), v)))
            .Where(c => c.Distance <= Math.Max(1, c.Verb.Length / 3) || c.Verb.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
            .OrderBy(c => c.Distance).Select(c => c.Verb).FirstOrDefault();

    /// <summary>The edit distance (insertions, deletions, substitutions, swaps of neighbours) between two words.</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
