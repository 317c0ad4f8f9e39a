using System.CommandLine;
using System.Text.Json;
using TigerImport.Operations.Plan;

namespace TigerImport.Cli;

/// <summary>
/// <c>tigerimport plan</c>: what an import with the same options would fetch, load and publish, and why (new,
/// changed, unchanged, missing), and the exit code it would have. It takes every option of an import
/// (<see cref="ImportCommand.Options"/>), asks the source for listings and validators, reads the bookkeeping, writes nothing.
/// </summary>
internal static class PlanCommand
{
    public static readonly Option<bool> ExitCode = new("--exit-code")
    {
        Description = "Exit with the code the import would have (0, or 3 when the source lacks files), as git diff --exit-code does; without it plan exits 0 once it has planned",
    };

    public static Command Create()
    {
        var command = new Command("plan", "Show what an import with the same options would load and publish, and why (new, changed, unchanged, forced, missing), and the exit code it would have. Writes nothing.");
        foreach (var option in ImportCommand.Options.Append(CliOptions.Json).Append(ExitCode))
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) => VerbRunner.RunAsync(
            parse,
            "plan",
            logger => (Request: ImportCommand.PlannedRequestFrom(parse), Source: ImportCommand.SourceFrom(parse, logger)),
            async (planned, run) =>
        {
            using var disposeSource = planned.Source as IDisposable;
            var options = ImportCommand.ImportOptionsFrom(parse);
            var layers = await new ImportPreview(run.DataSource, planned.Source, run.Logger).PreviewAsync(planned.Request, options, cancellationToken);
            var exitCode = layers.Any(l => l.SourceFailure is not null) ? ExitCodes.Source : ExitCodes.Success;
            Write(layers, options.SkipMissing, exitCode, parse.GetValue(CliOptions.Json));
            if (parse.GetValue(ExitCode))
            {
                run.ExitCode = exitCode;
            }

            return null;
        }, cancellationToken));
        return command;
    }

    private static void Write(IReadOnlyList<LayerPreview> layers, bool skipMissing, int exitCode, bool json)
    {
        var loads = layers.Where(l => l.Loads).Sum(l => l.Partitions.Count(p => p.Loads));
        if (json)
        {
            var shown = layers.Select(l => new
            {
                l.Layer,
                l.Year,
                l.Table,
                Partitions = l.Partitions.Select(p => new { p.Part, p.Change, p.Reason, Files = p.Files.Select(f => f.FileName) }),
                l.Missing,
                l.Notices,
                l.SourceFailure,
            });
            Console.WriteLine(JsonSerializer.Serialize(new { layers = shown, partitionsToLoad = loads, importExitCode = exitCode }, CliJson.Options));
            return;
        }

        TextTable.Write(
            ["layer", "year", "partition", "action", "files", "why"],
            layers.SelectMany(l => l.Partitions.Select(p => (IReadOnlyList<string>)
                [l.Layer, l.Year.ToString(), p.Part, p.Loads && l.SourceFailure is null ? "load" : "skip", p.Files.Count.ToString(), $"{p.Change.ToString().ToLowerInvariant()}: {p.Reason}"])
                .Concat(l.Missing.Select(m => (IReadOnlyList<string>)
                    [l.Layer, l.Year.ToString(), "-", skipMissing ? "skip" : "missing", "1", skipMissing ? $"{m} is not in the source (--skip-missing)" : $"{m} is not in the source"]))),
            maxWidth: TextTable.Columns);
        var failures = layers.Where(l => l.SourceFailure is not null).Select(l => $"{l.Layer} {l.Year}: {l.SourceFailure}").ToList();
        Console.WriteLine();
        TextTable.WriteWrapped(
            failures.Count > 0 ? $"An import would exit {exitCode}: {string.Join("; ", failures)}."
            : loads == 0 ? $"Up to date: an import would download, load and publish nothing (exit {exitCode})."
            : $"An import would load and publish {loads} partition(s), and exit {exitCode} if every file loads and passes the quality gates.");
    }
}
