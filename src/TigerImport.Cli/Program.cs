using System.CommandLine;

namespace TigerImport.Cli;

/// <summary>The composition root: the verbs (a <c>*Command</c> each) under one named root; <see cref="VerbRunner"/> runs each and maps its outcome to an exit code.</summary>
internal static class Program
{
    /// <summary>ECS gives a task 120 s (its maximum stopTimeout) between SIGTERM and SIGKILL; leave 10 s to flush logs.</summary>
    private static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(110);

    private static async Task<int> Main(string[] args)
    {
        // A named root, not RootCommand (named after the entry assembly, TigerImport.Cli): the help says the command a user types.
        var root = new Command("tigerimport", "Loads US Census TIGER/Line shapefiles into PostGIS with binary COPY and an atomic publish.")
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
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // System.CommandLine would exit 1, which this tool keeps for bugs: a command line it cannot read is usage (2).
            foreach (var error in parse.Errors)
            {
                await Console.Error.WriteLineAsync(error.Message);
            }

            var verb = parse.CommandResult.Command == root ? "" : " " + parse.CommandResult.Command.Name;
            await Console.Error.WriteLineAsync($"Run 'tigerimport{verb} --help' for the verbs and options.");
            return ExitCodes.Usage;
        }

        return await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = ShutdownGrace });
    }
}
