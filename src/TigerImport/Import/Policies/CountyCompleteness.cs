using TigerImport.Catalog;
using TigerImport.Publish;

namespace TigerImport.Import.Policies;

/// <summary>
/// A county-based partition (a state's EDGES, FACES…) is published only from every county file it is expected to have:
/// the source listing's files (the plan) and at least the counties of the version it replaces (its lineage), so a
/// county file missing from a partial mirror never silently deletes that county. A run for some counties only
/// (<c>--counties</c>) carries the others' rows over and is not checked.
/// </summary>
internal static class CountyCompleteness
{
    /// <summary>The files the replaced versions were built from that this run's partitions lack, by partition.</summary>
    public static IReadOnlyList<string> Missing(
        IEnumerable<(string Part, IReadOnlyList<TigerFile> Files)> partitions, IReadOnlyDictionary<string, (IReadOnlyList<FileLineage> Lineage, long Features)> published)
    {
        var missing = new List<string>();
        foreach (var (part, files) in partitions)
        {
            if (files.Count == 0 || files.Any(f => f.Scope != LayerScope.County) || !published.TryGetValue(part, out var before))
            {
                continue;
            }

            var names = files.Select(f => f.FileName).ToHashSet(StringComparer.OrdinalIgnoreCase);
            missing.AddRange(before.Lineage.Select(l => l.File).Where(f => !names.Contains(f)));
        }

        return missing;
    }
}
