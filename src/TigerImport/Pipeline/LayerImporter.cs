using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Npgsql;
using TigerImport.Catalog;
using TigerImport.Load;
using TigerImport.Publish;
using TigerImport.Sources;

namespace TigerImport.Pipeline;

/// <summary>
/// Imports one layer: each partition (state, or "us") is built in staging from its files, then all of them are
/// published in one swap. A file that is missing or fails leaves the published table exactly as it was.
/// </summary>
internal sealed class LayerImporter(NpgsqlDataSource dataSource, ITigerSource source, ILogger logger, Guid runId, ImportOptions options, ImportRequest request)
{
    private readonly FileLoader fileLoader = new(dataSource, logger, runId, options);
    private readonly PartitionRotator rotator = new(logger);

    public async Task<LayerResult> ImportAsync(LayerPlan plan, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var vintage = plan.Vintage;
        var target = new LayerTarget(options.Schema, vintage, options.Srid);
        var partitions = plan.Files
            .GroupBy(f => f.PartitionKey)
            .Select(g => new PartitionBuilder(target, g.Key, g.ToList()))
            .ToList();
        Log.LayerPlanned(logger, vintage.Layer.Key, vintage.Year, plan.Files.Count, $"{target.Schema}.{target.Table}");
        foreach (var notice in plan.Notices)
        {
            Log.LayerNotice(logger, vintage.Layer.Key, vintage.Year, notice);
        }

        LayerResult Result(LayerOutcome outcome, FailureKind? failure = null, string? error = null) => new(
            vintage.Layer.Key, vintage.Year, $"{target.Schema}.{target.Table}", outcome, partitions.SelectMany(p => p.Results).ToList(), clock.ElapsedMilliseconds, failure, error);

        if (plan.Missing.Count > 0)
        {
            foreach (var missing in plan.Missing)
            {
                if (options.SkipMissing)
                {
                    Log.FileSkipped(logger, vintage.Layer.Key, vintage.Year, missing);
                }
                else
                {
                    Log.FileMissing(logger, vintage.Layer.Key, vintage.Year, missing);
                }
            }

            if (!options.SkipMissing)
            {
                var reason = $"{plan.Missing.Count} file(s) not in {source.DisplayName}: {string.Join(", ", plan.Missing.Take(5))}{(plan.Missing.Count > 5 ? ", …" : "")} (--skip-missing loads the rest)";
                Log.LayerNotPublished(logger, vintage.Layer.Key, vintage.Year, $"{target.Schema}.{target.Table}", reason);
                return Result(LayerOutcome.Failed, FailureKind.Source, reason);
            }
        }

        if (partitions.Count == 0)
        {
            return Result(LayerOutcome.NothingToLoad);
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            await LayerLock.AcquireAsync(connection, target, partitions.Select(p => p.Part).ToList(), options.LockWait, cancellationToken);
            // Read once per layer: the published table changes only at publish. A wrong SRID fails here, before any download.
            var publishedTypes = await LayerTable.PublishedColumnsAsync(connection, target, cancellationToken);
            // The next files download while the current one loads; see PrefetchingFetcher for the disk bound.
            await using (var fetcher = PrefetchingFetcher.Start(source, partitions.SelectMany(p => p.Files).ToList(), PrefetchingFetcher.DefaultDepth, cancellationToken))
            {
                foreach (var partition in partitions)
                {
                    await BuildAsync(connection, target, publishedTypes, partition, fetcher, cancellationToken);
                }
            }

            var published = partitions.Select(p => new PublishedPartition(
                p.Part, p.Results.Select(r => r.File).ToList(), p.Results.Sum(r => r.Loaded), p.Results.Sum(r => r.Repaired), p.Results.Sum(r => r.Rejected))).ToList();
            var publishClock = Stopwatch.StartNew();
            await rotator.PublishAsync(connection, target, runId, published, cancellationToken);
            Log.LayerPublished(logger, "publish", vintage.Layer.Key, vintage.Year, $"{target.Schema}.{target.Table}", partitions.Count, published.Sum(p => p.Features), publishClock.ElapsedMilliseconds);
            return Result(LayerOutcome.Published);
        }
        catch (Exception e) when (Failures.Classify(e) is { } kind)
        {
            Log.LayerNotPublished(logger, vintage.Layer.Key, vintage.Year, $"{target.Schema}.{target.Table}", e.Message);
            await DropStagingAsync(partitions, cancellationToken);
            return Result(LayerOutcome.Failed, kind, e.Message);
        }
        finally
        {
            // After the catch: staging is dropped while the partitions are still this run's.
            await LayerLock.ReleaseAsync(connection);
        }
    }

    private async Task BuildAsync(
        NpgsqlConnection connection, LayerTarget target, IReadOnlyDictionary<string, string> publishedTypes, PartitionBuilder partition, PrefetchingFetcher fetcher, CancellationToken cancellationToken)
    {
        foreach (var file in partition.Files)
        {
            try
            {
                using var fetched = await fetcher.NextAsync(file, cancellationToken);
                partition.Results.Add(await fileLoader.LoadAsync(connection, target, publishedTypes, file, fetched.Path, partition, cancellationToken));
            }
            catch (Exception e) when (Failures.Classify(e) is not null)
            {
                Log.FileFailed(logger, e is TigerImportException ? null : e, file.Layer.Key, file.Year, file.FileName, e.Message);
                throw;
            }
        }

        var staging = partition.Staging!;
        if (request.Counties is not null && partition.Files.All(f => f.Scope == LayerScope.County))
        {
            var kept = await staging.CarryOverAsync(connection, partition.Files.Select(f => f.ScopeCode).ToList(), cancellationToken);
            Log.RowsCarriedOver(logger, target.Vintage.Layer.Key, target.Vintage.Year, partition.Part, kept);
        }

        await staging.FinishAsync(connection, cancellationToken);
    }

    /// <summary>Best effort, on a fresh connection (the layer's may be broken); leftovers are dropped by the next run anyway.</summary>
    private async Task DropStagingAsync(IEnumerable<PartitionBuilder> partitions, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return;
        }

        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            foreach (var staging in partitions.Select(p => p.Staging).OfType<StagingTable>())
            {
                await staging.DropAsync(connection, cancellationToken);
            }
        }
        catch (NpgsqlException)
        {
        }
    }
}
