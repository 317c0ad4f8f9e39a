using System.CommandLine;
using System.Text.Json;
using TigerImport.Catalog;
using TigerImport.Operations.Status;

namespace TigerImport.Cli;

/// <summary><c>tigerimport status</c>: per layer and vintage, what is published, from where, when, and whether a backup exists.</summary>
internal static class StatusCommand
{
    /// <summary>The filters of status are optional, unlike an import's --year and --layers (same names and variables).</summary>
    private static readonly Option<string?> Year = EnvOption.Text("--year", "TIGER_YEAR", "Only this TIGER/Line vintage, e.g. 2024 (default: every vintage)");

    private static readonly Option<string?> Layers = EnvOption.Text("--layers", "TIGER_LAYERS", "Only these comma-separated layers, e.g. PLACE,COUNTY (default: every layer)");

    public static Command Create()
    {
        var command = new Command("status", "Show what is published: per layer and vintage, partitions, rows, rejects, when, from which source, and whether a backup exists. Writes nothing.")
        {
            Year, Layers, CliOptions.Schema, CliOptions.Json, CliOptions.Connection, CliOptions.LogFormat,
        };
        command.SetAction((parse, cancellationToken) => VerbRunner.RunAsync(parse, "status", _ => Filter(parse), async (filter, run) =>
        {
            var layers = await new StatusReader(run.DataSource).ReadAsync(parse.GetValue(CliOptions.Schema)!, filter.Year, filter.Layers, cancellationToken);
            Write(layers, parse.GetValue(CliOptions.Json));
            return null;
        }, cancellationToken));
        return command;
    }

    /// <summary>Both filters are optional; when given they are checked as an import checks them.</summary>
    private static (int? Year, IReadOnlyList<TigerLayer>? Layers) Filter(ParseResult parse)
    {
        var year = parse.GetValue(Year);
        var layers = parse.GetValue(Layers);
        if (year is null)
        {
            // Without a year a layer is any of its vintages: VTD's tables are of 2010 and 2012 only.
            return (null, layers is null ? null : ImportRequest.LayersNamed(layers));
        }

        var checkedRequest = ImportRequest.Parse(year, layers ?? "all", null, null);
        return (checkedRequest.Year, layers is null ? null : checkedRequest.Layers);
    }

    private static void Write(IReadOnlyList<LayerStatus> layers, bool json)
    {
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new { layers }, CliJson.Options));
            return;
        }

        if (layers.Count == 0)
        {
            Console.WriteLine("Nothing is published in this schema (for the year and layers asked).");
            return;
        }

        // The table (its name holds layer and year) fits 80 columns; where the layers came from and which plans they hold follow it.
        var schemas = layers.Select(l => l.Table[..Math.Max(0, l.Table.IndexOf('.'))]).Distinct().ToList();
        string Name(LayerStatus l) => schemas.Count == 1 ? l.Table[(l.Table.IndexOf('.') + 1)..] : l.Table;
        if (schemas.Count == 1)
        {
            Console.WriteLine($"schema {schemas[0]}:");
        }

        TextTable.Write(
            ["table", "parts", "rows", "rejected", "published (UTC)", "backups"],
            layers.Select(l => (IReadOnlyList<string>)
            [
                Name(l), l.Partitions.Count.ToString(), l.Rows.ToString("N0"), l.Rejected.ToString("N0"), l.LastPublishedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm"), $"{l.Backups}/{l.Partitions.Count}",
            ]),
            rightAligned: new HashSet<int> { 1, 2, 3 });
        var sources = layers.Select(l => string.Join(", ", l.Sources)).Distinct().ToList();
        Console.WriteLine();
        TextTable.WriteWrapped(sources.Count == 1
            ? $"source: {sources[0]} (every table)"
            : "sources: " + string.Join("; ", layers.Select(l => $"{Name(l)}: {string.Join(", ", l.Sources)}")));
        foreach (var layer in layers.Where(l => l.Plans.Count > 0))
        {
            TextTable.WriteWrapped($"{Name(layer)} plans: {string.Join("; ", layer.Plans)}");
        }
    }
}
