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
        Description = "Exit with the code the import would have (0, 3 when the source lacks files, 5 when the role lacks a right it needs), as git diff --exit-code does; without it plan exits 0 once it has planned",
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
            logger =>
            {
                var request = ImportCommand.PlannedRequestFrom(parse);
                return (Request: request, Source: ImportCommand.SourceFrom(parse, request, logger));
            },
            async (planned, run) =>
        {
            using var disposeSource = planned.Source as IDisposable;
            var options = ImportCommand.ImportOptionsFrom(parse);
            var preview = await new ImportPreview(run.DataSource, planned.Source, run.Logger).PreviewAsync(planned.Request, options, cancellationToken);
            var exitCode = preview.MissingRights.Count > 0 ? ExitCodes.Database
                : preview.Layers.Any(l => l.SourceFailure is not null) ? ExitCodes.Source
                : ExitCodes.Success;
            Write(preview, options.SkipMissing, exitCode, parse.GetValue(CliOptions.Json));
            if (parse.GetValue(ExitCode))
            {
                run.ExitCode = exitCode;
            }

            return null;
        }, cancellationToken));
        return command;
    }

    private static void Write(PlanPreview preview, bool skipMissing, int exitCode, bool json)
    {
        var layers = preview.Layers;
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
            Console.WriteLine(JsonSerializer.Serialize(new { layers = shown, missingRights = preview.MissingRights, partitionsToLoad = loads, importExitCode = exitCode }, CliJson.Options));
            return;
        }

        if (preview.MissingRights.Count > 0)
        {
            // The import stops on these before it plans a partition, so there is no table to show.
            TextTable.WriteWrapped($"An import would exit {exitCode} before loading anything: the role lacks a right it needs.");
            foreach (var missing in preview.MissingRights)
            {
                Console.WriteLine();
                TextTable.WriteWrapped(missing);
            }

            return;
        }

        // The why column is the one a reader needs whole: where the 80 columns abbreviate it, the reason stands in
        // full, wrapped, under the table (numbered as its row).
        var rows = layers.SelectMany(l => l.Partitions.Select(p => (
                Cells: new[] { l.Layer, l.Year.ToString(), p.Part, p.Loads && l.SourceFailure is null ? "load" : "skip", p.Files.Count.ToString() },
                Why: $"{p.Change.ToString().ToLowerInvariant()}: {p.Reason}"))
            .Concat(l.Missing.Select(m => (
                Cells: new[] { l.Layer, l.Year.ToString(), "-", "missing", "1" },
                Why: skipMissing && l.SourceFailure is null ? $"{m} is not in the source (--skip-missing: not loaded)" : $"{m} is not in the source")))).ToList();
        var table = TextTable.Lines(["layer", "year", "partition", "action", "files", "why"], rows.Select(r => (IReadOnlyList<string>)[.. r.Cells, r.Why]), maxWidth: TextTable.Columns);
        var cut = rows.Select((r, i) => (Row: i + 1, r.Why)).Where(r => !table[r.Row].EndsWith(r.Why, StringComparison.Ordinal)).ToList();
        foreach (var line in table)
        {
            Console.WriteLine(line);
        }

        if (cut.Count > 0)
        {
            Console.WriteLine();
            foreach (var (row, why) in cut)
            {
                TextTable.WriteWrapped($"Row {row}: {why}");
            }
        }
        var failures = layers.Where(l => l.SourceFailure is not null).Select(l => $"{l.Layer} {l.Year}: {l.SourceFailure}").ToList();
        Console.WriteLine();
        TextTable.WriteWrapped(
            failures.Count > 0 ? $"An import would exit {exitCode}: {string.Join("; ", failures)}."
            : loads == 0 ? $"Up to date: an import would download, load and publish nothing (exit {exitCode})."
            : $"An import would load and publish {loads} partition(s), and exit {exitCode} if every file loads and passes the quality gates.");
    }
}
