using Microsoft.Extensions.Logging;
using TigerImport.Import;

namespace TigerImport.Cli;

/// <summary>
/// The end-of-run summary, once: one structured event per layer in JSON mode; in text mode a table that fits 80
/// columns and the lines that explain it (failures, drift, the source's totals), not the same facts as log lines too.
/// </summary>
internal static class SummaryReport
{
    public static void Write(ImportSummary summary, LogOutput output, ILogger logger)
    {
        if (output.IsJson)
        {
            Log(summary, logger);
            return;
        }

        foreach (var line in Lines(summary))
        {
            Console.WriteLine(line);
        }
    }

    /// <summary>The text summary, line by line, each at most <see cref="TextTable.Columns"/> wide.</summary>
    internal static IReadOnlyList<string> Lines(ImportSummary summary)
    {
        var lines = new List<string> { "" };
        var schemas = summary.Layers.Select(l => SchemaOf(l.Table)).Distinct().ToList();
        if (schemas.Count == 1)
        {
            lines.Add($"schema {schemas[0]}:");
        }

        lines.AddRange(TextTable.Lines(
            ["layer", "year", "table", "files", "read", "loaded", "repaired", "rejected", "time", "outcome"],
            summary.Layers.Select(l => (IReadOnlyList<string>)
            [
                l.Layer, l.Year.ToString(), schemas.Count == 1 ? TableOf(l.Table) : l.Table, l.Files.Count.ToString(), l.Read.ToString("N0"), l.Loaded.ToString("N0"),
                l.Repaired.ToString("N0"), l.Rejected.ToString("N0"), $"{l.ElapsedMs / 1000.0:F1}s", Outcome(l.Outcome),
            ]),
            rightAligned: new HashSet<int> { 3, 4, 5, 6, 7, 8 }));

        void Paragraph(string text)
        {
            lines.Add("");
            lines.AddRange(TextTable.Wrap(text));
        }

        foreach (var layer in summary.Layers)
        {
            if (layer.Error is not null)
            {
                Paragraph($"{layer.Layer} {layer.Year} failed{(layer.Failure is { } kind ? $" ({kind.ToString().ToLowerInvariant()}: exit {ExitCodes.For(kind)})" : "")}: {layer.Error}");
            }

            if (layer.Exceptions > 0)
            {
                Paragraph($"{layer.Layer} {layer.Year}: {layer.Exceptions:N0} feature(s) published as plausibility exceptions, within the gates' budget; the log (event 684) names the first of each gate.");
            }

            foreach (var drift in layer.Drift)
            {
                Paragraph($"{layer.Layer} {layer.Year} schema drift: {drift}");
            }

            if (layer.Plans.Count > 0)
            {
                Paragraph($"{layer.Layer} {layer.Year} plans published: " + string.Join("; ", layer.Plans.GroupBy(p => p.Plan.ToString(), p => p.Part)
                    .Select(g => $"{g.Key} ({string.Join(",", g.Order(StringComparer.Ordinal))})")));
            }
        }

        if (summary.Layers.Count > 0 && summary.Layers.All(l => l.Outcome == LayerOutcome.UpToDate))
        {
            Paragraph("Up to date: every file is the one published; nothing was downloaded, loaded or published.");
        }

        if (summary.Source is { } totals)
        {
            Paragraph(
                $"source: {totals.BytesDownloaded:N0} bytes downloaded ({totals.FilesDownloaded} files), {totals.BytesFromCache:N0} bytes from cache ({totals.FilesFromCache} files), " +
                $"{totals.FilesCached} cached, {totals.CacheRepairs} cache repairs; peak temp disk {totals.PeakTempBytes:N0} bytes");
        }

        var failed = summary.Layers.Count(l => l.Outcome == LayerOutcome.Failed);
        var outcome = summary.WorstFailure is { } worst
            ? $"; {failed} layer(s) failed ({worst.ToString().ToLowerInvariant()}: exit {ExitCodes.For(worst)})"
            : "";
        Paragraph($"run {summary.RunId} finished in {summary.ElapsedMs / 1000.0:F1}s{outcome}; rejected features are in the tiger_rejects table of the target schema.");
        return lines;
    }

    /// <summary>JSON mode: the summary as structured events (CloudWatch Logs Insights queries them by property).</summary>
    private static void Log(ImportSummary summary, ILogger logger)
    {
        foreach (var layer in summary.Layers)
        {
            if (layer.Error is null)
            {
                CliLog.LayerSummary(logger, layer.Layer, layer.Year, layer.Table, layer.Outcome, layer.Files.Count, layer.Read, layer.Loaded, layer.Repaired, layer.Rejected, layer.ElapsedMs);
            }
            else
            {
                CliLog.LayerFailedSummary(
                    logger, layer.Layer, layer.Year, layer.Table, layer.Outcome, layer.Files.Count, layer.Read, layer.Loaded, layer.Repaired, layer.Rejected, layer.ElapsedMs, layer.Error);
            }

            foreach (var drift in layer.Drift)
            {
                CliLog.SummaryDrift(logger, layer.Layer, layer.Year, drift);
            }
        }

        if (summary.Layers.Count > 0 && summary.Layers.All(l => l.Outcome == LayerOutcome.UpToDate))
        {
            CliLog.SummaryUpToDate(logger);
        }

        if (summary.Source is { } source)
        {
            CliLog.SourceSummary(
                logger,
                source.BytesDownloaded, source.FilesDownloaded, source.BytesFromCache, source.FilesFromCache, source.FilesCached, source.CacheRepairs, source.PeakTempBytes);
        }
    }

    private static string SchemaOf(string table) => table[..Math.Max(0, table.IndexOf('.'))];

    private static string TableOf(string table) => table[(table.IndexOf('.') + 1)..];

    private static string Outcome(LayerOutcome outcome) => outcome switch
    {
        LayerOutcome.UpToDate => "up-to-date",
        LayerOutcome.NothingToLoad => "nothing",
        _ => outcome.ToString().ToLowerInvariant(),
    };
}
