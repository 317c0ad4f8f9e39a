using System.CommandLine;
using System.Text.Json;
using TigerImport.Operations.Plan;

namespace TigerImport.Cli;

/// <summary>
/// <c>tigerimport plan</c>: what an import with the same options would fetch, load and publish, and why (new,
/// changed, unchanged, missing). It asks the source for listings and validators, reads the bookkeeping, writes nothing.
/// </summary>
internal static class PlanCommand
{
    public static Command Create()
    {
        var command = new Command("plan", "Show what an import with the same options would load and publish, and why (new, changed, unchanged, forced, missing). Writes nothing.")
        {
            CliOptions.Source, CliOptions.Year, CliOptions.Layers, CliOptions.States, CliOptions.Counties, CliOptions.Schema, CliOptions.Srid,
            CliOptions.Connection, CliOptions.Cache, CliOptions.TempDir, CliOptions.UserAgent, CliOptions.MaxDownloads, CliOptions.S3Endpoint,
            CliOptions.Force, CliOptions.Json, CliOptions.LogFormat, CliOptions.Release, CliOptions.PlanVersion,
        };
        command.SetAction((parse, cancellationToken) => VerbRunner.RunAsync(parse, "plan", () => ImportCommand.PlannedRequestFrom(parse), async (request, run) =>
        {
            var source = ImportCommand.SourceFrom(parse, run.Logger);
            using var disposeSource = source as IDisposable;
            var layers = await new ImportPreview(run.DataSource, source, run.Logger).PreviewAsync(request, ImportCommand.ImportOptionsFrom(parse), cancellationToken);
            Write(layers, parse.GetValue(CliOptions.Json));
            return null;
        }, cancellationToken));
        return command;
    }

    private static void Write(IReadOnlyList<LayerPreview> layers, bool json)
    {
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
                NoFiles = HoldsNothing(l),
            });
            Console.WriteLine(JsonSerializer.Serialize(new { layers = shown }, CliJson.Options));
            return;
        }

        TextTable.Write(
            ["layer", "year", "partition", "action", "files", "why"],
            layers.SelectMany(l => l.Partitions.Select(p => (IReadOnlyList<string>)
                [l.Layer, l.Year.ToString(), p.Part, p.Loads ? "load" : "skip", p.Files.Count.ToString(), $"{p.Change.ToString().ToLowerInvariant()}: {p.Reason}"])
                .Concat(l.Missing.Select(m => (IReadOnlyList<string>)[l.Layer, l.Year.ToString(), "-", "missing", "1", $"{m} is not in the source (the import fails the layer unless --skip-missing)"]))
                .Concat(HoldsNothing(l) ? [[l.Layer, l.Year.ToString(), "-", "none", "0", "the source holds no file for this layer and year (the import fails the layer: exit 3)"]] : [])));
        var loads = layers.Sum(l => l.Partitions.Count(p => p.Loads));
        var empty = layers.Where(HoldsNothing).Select(l => $"{l.Layer} {l.Year}").ToList();
        Console.WriteLine(
            empty.Count > 0 ? $"\nThe source holds no file for {string.Join(", ", empty)}: an import would fail (exit 3); check --source and --year."
            : loads == 0 ? "\nUp to date: an import would download, load and publish nothing."
            : $"\nAn import would load and publish {loads} partition(s).");
    }

    /// <summary>No file planned, none missing and no absence Census explains: the source lacks the year or layer (an import's exit 3).</summary>
    private static bool HoldsNothing(LayerPreview layer) => layer.Partitions.Count == 0 && layer.Missing.Count == 0 && layer.Notices.Count == 0;
}
