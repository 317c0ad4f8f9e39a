using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using TigerImport.Tests.Regions;
using TigerImport.Tests.Support;

namespace TigerImport.Tests.Cli;

/// <summary>
/// The JSON log is an interface (CloudWatch Logs Insights queries and alarms read it by event id and property name),
/// so its shapes are pinned: every verb run on the samples, and the failures an operator meets, log exactly the event
/// shapes recorded in <c>LogEventShapes.txt</c>. A change of shape is deliberate: rerun with
/// <c>TIGER_UPDATE_LOG_SHAPES=1</c> and review the file's diff.
/// </summary>
[Collection(PostgisCollection.Name)]
public sealed partial class When_every_verb_runs_in_JSON_mode(PostgisServer postgis)
{
    private const string Schema = "shapes";

    private static readonly string Golden = Path.Combine(RepoPaths.Root, "tests", "TigerImport.Tests", "Cli", "LogEventShapes.txt");

    [Fact]
    public async Task The_events_have_the_recorded_shapes()
    {
        await using var db = postgis.CreateDataSource();
        await TestImport.ExecuteAsync(db, $"DROP SCHEMA IF EXISTS {Schema} CASCADE; DROP SCHEMA IF EXISTS {Schema}_staging CASCADE; DROP SCHEMA IF EXISTS {Schema}_backup CASCADE");
        await RegionSamples.CreateRegionTableAsync(db, Schema + "_app");
        using var folder = RegionSamples.Folder();
        string[] import = ["import", "--source", folder.Path, "--year", "2024", "--schema", Schema];
        string[][] runs =
        [
            [.. import, "--layers", "STATE,COUNTY"],
            [.. import, "--layers", "CD,SLDU,SLDL,CB_CD_500K", "--states", "NM,HI"],
            [.. import, "--layers", "PLACE,EDGES", "--states", "NM"],
            [.. import, "--layers", "PLACE,EDGES", "--states", "NM"],
            [.. import, "--layers", "PLACE,EDGES", "--states", "NM,PR"],
            [.. import, "--layers", "PLACE", "--states", "NM", "--force"],
            ["plan", "--source", folder.Path, "--year", "2024", "--layers", "PLACE,EDGES", "--states", "NM", "--schema", Schema],
            ["status", "--schema", Schema],
            ["rejects", "--schema", Schema],
            ["sync-regions", "--year", "2024", "--schema", Schema, "--states", "NM,HI", "--region-table", Schema + "_app.region"],
            ["revert", "--year", "2024", "--layers", "PLACE", "--states", "NM", "--schema", Schema],
            ["prune-backups", "--year", "2024", "--layers", "PLACE", "--schema", Schema],
            [.. import, "--layers", "NOPE"],
        ];

        var shapes = new SortedSet<string>(StringComparer.Ordinal);
        var exits = new List<string>();
        foreach (var run in runs)
        {
            var (exitCode, output) = await CliProcess.RunJsonAsync(postgis.Url, run);
            exits.Add($"exit {exitCode}: {string.Join(' ', run.Select(a => a.StartsWith('/') ? "<path>" : a))}");
            foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => l.StartsWith('{')))
            {
                shapes.Add(ShapeOf(JsonNode.Parse(line)!.AsObject()));
            }
        }

        var actual = string.Join('\n', [.. exits, "", .. shapes]) + "\n";
        if (Environment.GetEnvironmentVariable("TIGER_UPDATE_LOG_SHAPES") == "1")
        {
            await File.WriteAllTextAsync(Golden, actual, TestContext.Current.CancellationToken);
        }

        Assert.Equal(await File.ReadAllTextAsync(Golden, TestContext.Current.CancellationToken), actual);
    }

    /// <summary>
    /// An event's level, its message with each property's value put back as <c>{Name}</c>, and its property names
    /// (EMF records: their keys). Values vary run to run (ids, times, temp paths); the event id is left out, so an
    /// event may gain one. The @i hash is left out too: it hashes the template's text, format specifiers included.
    /// </summary>
    private static string ShapeOf(JsonObject line)
    {
        var properties = line.Where(p => !p.Key.StartsWith('@') && p.Key != "EventId").ToList();
        var keys = string.Join(',', properties.Select(p => p.Key).Order(StringComparer.Ordinal));
        if (line["@m"] is not { } rendered)
        {
            return $"record [{keys}]";
        }

        var message = rendered.GetValue<string>();
        foreach (var (key, value) in properties
            .Select(p => (p.Key, Value: p.Value is JsonValue v && v.TryGetValue<string>(out var text) ? text : null))
            .Where(p => !string.IsNullOrEmpty(p.Value))
            .OrderByDescending(p => p.Value!.Length))
        {
            message = message.Replace(value!, "{" + key + "}", StringComparison.Ordinal);
        }

        return $"{line["@l"] ?? "Information"} {Digits().Replace(message, "N")} [{keys}]";
    }

    /// <summary>Numbers in a message come from the data (counts, times), not from its shape.</summary>
    [GeneratedRegex("[0-9]+")]
    private static partial Regex Digits();
}
