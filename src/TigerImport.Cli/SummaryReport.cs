using Microsoft.Extensions.Logging;
using TigerImport.Import;

namespace TigerImport.Cli;

/// <summary>The end-of-run summary: a table on a terminal, one structured event per layer in JSON mode.</summary>
internal static class SummaryReport
{
    public static void Write(ImportSummary summary, LogOutput output, ILogger logger)
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

        if (output.IsJson)
        {
            return;
        }

        var rows = summary.Layers.Select(l => new[]
        {
            l.Layer, l.Year.ToString(), l.Table, l.Files.Count.ToString(), l.Read.ToString("N0"), l.Loaded.ToString("N0"),
            l.Repaired.ToString("N0"), l.Rejected.ToString("N0"), $"{l.ElapsedMs / 1000.0:F1}s", l.Outcome.ToString().ToLowerInvariant(),
        }).Prepend(["layer", "year", "table", "files", "read", "loaded", "repaired", "rejected", "time", "outcome"]).ToList();
        var widths = Enumerable.Range(0, rows[0].Length).Select(i => rows.Max(r => r[i].Length)).ToArray();
        Console.WriteLine();
        foreach (var row in rows)
        {
            Console.WriteLine(string.Join("  ", row.Select((cell, i) => i is >= 3 and <= 8 ? cell.PadLeft(widths[i]) : cell.PadRight(widths[i]))).TrimEnd());
        }

        foreach (var layer in summary.Layers.Where(l => l.Plans.Count > 0))
        {
            Console.WriteLine($"\n{layer.Layer} {layer.Year} plans published: " + string.Join("; ", layer.Plans.GroupBy(p => p.Plan.ToString(), p => p.Part)
                .Select(g => $"{g.Key} ({string.Join(",", g.Order(StringComparer.Ordinal))})")));
        }

        if (summary.Source is { } totals)
        {
            Console.WriteLine(
                $"\nsource: {totals.BytesDownloaded:N0} bytes downloaded ({totals.FilesDownloaded} files), {totals.BytesFromCache:N0} bytes from cache ({totals.FilesFromCache} files), " +
                $"{totals.FilesCached} cached, {totals.CacheRepairs} cache repairs; peak temp disk {totals.PeakTempBytes:N0} bytes");
        }

        var failed = summary.Layers.Count(l => l.Outcome == LayerOutcome.Failed);
        var outcome = summary.WorstFailure is { } worst
            ? $"; {failed} layer(s) failed ({worst.ToString().ToLowerInvariant()}: exit {ExitCodes.For(worst)}), see the errors above"
            : "";
        Console.WriteLine($"\nrun {summary.RunId} finished in {summary.ElapsedMs / 1000.0:F1}s{outcome}; rejected features are in the tiger_rejects table of the target schema.");
    }
}
