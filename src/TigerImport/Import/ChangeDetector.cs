using Microsoft.Extensions.Logging;
using TigerImport.Catalog;
using TigerImport.Publish;
using TigerImport.Sources;

namespace TigerImport.Import;

/// <summary>
/// Compares each planned file with the version its partition published, asking the source only for validators (a
/// HEAD, a stat), so an unchanged month downloads nothing. A source that gives no validators is downloaded and the
/// SHA-256 compared; a local file whose size or mtime moved is hashed (cheap on local disk).
/// </summary>
internal sealed class ChangeDetector(ITigerSource source, ILogger logger)
{
    /// <summary>HEADs in flight at once across a layer's files; an HTTP source still holds them to its own --max-downloads.</summary>
    private const int ProbesAtOnce = 8;

    /// <param name="narrowed">True under <c>--counties</c>: published files not planned are kept, not a change.</param>
    public async Task<IReadOnlyList<PartitionDecision>> DecideAsync(
        TigerLayerVintage vintage,
        IReadOnlyList<(string Part, IReadOnlyList<TigerFile> Files)> partitions,
        IReadOnlyDictionary<string, (IReadOnlyList<FileLineage> Lineage, long Features)> published,
        bool force,
        bool narrowed,
        CancellationToken cancellationToken)
    {
        var files = partitions.SelectMany(p => p.Files).ToList();
        var versions = new System.Collections.Concurrent.ConcurrentDictionary<string, FileVersion>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(
            files,
            new ParallelOptions { MaxDegreeOfParallelism = ProbesAtOnce, CancellationToken = cancellationToken },
            async (file, token) => versions[file.FileName] = await source.ProbeAsync(file, token));

        var decisions = new List<PartitionDecision>();
        foreach (var (part, partFiles) in partitions)
        {
            var fileVersions = partFiles.ToDictionary(f => f.FileName, f => versions[f.FileName], StringComparer.Ordinal);
            if (!published.TryGetValue(part, out var current))
            {
                decisions.Add(new PartitionDecision(part, PartitionChange.New, "not published yet", partFiles, fileVersions, [], null));
                continue;
            }

            var planned = partFiles.Select(f => f.FileName).ToHashSet(StringComparer.Ordinal);
            var kept = narrowed ? current.Lineage.Where(l => !planned.Contains(l.File)).ToList() : [];
            var reason = narrowed ? null : current.Lineage.Where(l => !planned.Contains(l.File)).Select(l => $"{l.File} is no longer in the source").FirstOrDefault();
            foreach (var file in partFiles)
            {
                if (reason is not null)
                {
                    break;
                }

                reason = await ChangeOfAsync(file, fileVersions[file.FileName], current.Lineage.FirstOrDefault(l => l.File == file.FileName), cancellationToken);
            }

            var change = reason is not null ? PartitionChange.Changed : force ? PartitionChange.Forced : PartitionChange.Unchanged;
            decisions.Add(new PartitionDecision(part, change, reason ?? (force ? "unchanged; --force loads it anyway" : "every file is the one published"), partFiles, fileVersions, kept, current.Features));
        }

        foreach (var decision in decisions)
        {
            Log.PartitionDecided(logger, vintage.Layer.Key, vintage.Year, decision.Part, decision.Change.ToString().ToLowerInvariant(), decision.Reason);
        }

        return decisions;
    }

    /// <summary>Why the file is not the one published, or null when it is.</summary>
    private async Task<string?> ChangeOfAsync(TigerFile file, FileVersion now, FileLineage? published, CancellationToken cancellationToken)
    {
        if (published is null)
        {
            return $"{file.FileName} is new to the partition";
        }

        var same = now.SameAs(published.Published);
        if (same is true)
        {
            return null;
        }

        if (same is false && now.LocalPath is null)
        {
            return $"{file.FileName} changed at the source ({Describe(published.Published)} → {Describe(now)})";
        }

        if (same is null)
        {
            Log.NoValidators(logger, file.Layer.Key, file.Year, file.FileName, now.Location);
        }

        string sha;
        if (now.LocalPath is { } path)
        {
            sha = await FileSha256.ComputeAsync(path, cancellationToken);
        }
        else
        {
            using var fetched = await source.FetchAsync(file, cancellationToken);
            sha = await FileSha256.ComputeAsync(fetched.Path, cancellationToken);
        }

        return string.Equals(sha, published.Sha256, StringComparison.OrdinalIgnoreCase) ? null : $"{file.FileName} changed (SHA-256 {published.Sha256[..12]}… → {sha[..12]}…)";
    }

    private static string Describe(FileVersion version) =>
        string.Join(", ", new[]
        {
            version.Length is { } length ? $"{length} bytes" : null,
            version.ETag is { } etag ? $"ETag {etag}" : null,
            version.LastModified is { } modified ? $"modified {modified:u}" : null,
        }.OfType<string>());
}
