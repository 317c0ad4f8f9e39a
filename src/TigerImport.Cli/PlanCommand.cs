using System.CommandLine;
using System.Text.Json;
using TigerImport.Pipeline;

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
            CliOptions.Force, CliOptions.Json, CliOptions.LogFormat,
        };
        command.SetAction((parse, cancellationToken) => VerbRunner.RunAsync(parse, "plan", () => Program.RequestFrom(parse), async (request, run) =>
        {
            var source = Program.SourceFrom(parse, run.Logger);
            using var disposeSource = source as IDisposable;
            var layers = await new ImportPreview(run.DataSource, source, run.Logger).PreviewAsync(request, Program.ImportOptionsFrom(parse), cancellationToken);
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
            });
            Console.WriteLine(JsonSerializer.Serialize(new { layers = shown }, CliJson.Options));
            return;
        }

        TextTable.Write(
            ["layer", "year", "partition", "action", "files", "why"],
            layers.SelectMany(l => l.Partitions.Select(p => (IReadOnlyList<string>)
                [l.Layer, l.Year.ToString(), p.Part, p.Loads ? "load" : "skip", p.Files.Count.ToString(), $"{p.Change.ToString().ToLowerInvariant()}: {p.Reason}"])
                .Concat(l.Missing.Select(m => (IReadOnlyList<string>)[l.Layer, l.Year.ToString(), "-", "missing", "1", $"{m} is not in the source (the import fails the layer unless --skip-missing)"]))));
        var loads = layers.Sum(l => l.Partitions.Count(p => p.Loads));
        Console.WriteLine(loads == 0 ? "\nUp to date: an import would download, load and publish nothing." : $"\nAn import would load and publish {loads} partition(s).");
    }
}
