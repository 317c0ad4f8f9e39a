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

        if (plan.Unrecognized.Count > 0)
        {
            Log.UnrecognizedFiles(logger, vintage.Layer.Key, vintage.Year, plan.Unrecognized.Count, string.Join(", ", plan.Unrecognized));
        }

        if (partitions.Count == 0)
        {
            // An absence Census explains (Nebraska's SLDL) is nothing to do; a source without the year or layer is a source failure.
            if (plan.Notices.Count > 0 && plan.Missing.Count == 0)
            {
                return Result(LayerOutcome.NothingToLoad);
            }

            var reason = $"{source.DisplayName} holds no file for {vintage.Layer.Key} {vintage.Year}: looked for {vintage.FileName(vintage.Scope == LayerScope.Nation ? "us" : vintage.Scope == LayerScope.State ? "SS" : "SSCCC")}{(request.States is null ? "" : $" for {string.Join(",", request.States.Select(s => s.Usps))}")}";
            Log.LayerNotPublished(logger, vintage.Layer.Key, vintage.Year, $"{target.Schema}.{target.Table}", reason);
            return Result(LayerOutcome.Failed, FailureKind.Source, reason);
        }

        await using var session = await LayerSession.OpenAsync(dataSource, target, cancellationToken);
        try
        {
            var leftovers = await StagingTable.DropLeftoversAsync(session.Connection, target, cancellationToken);
            if (leftovers.Count > 0)
            {
                Log.StagingLeftoversDropped(logger, vintage.Layer.Key, vintage.Year, leftovers.Count, string.Join(", ", leftovers));
            }

            // Read once per layer: the published table changes only at publish. A wrong SRID fails here, before any download.
            var publishedTypes = await LayerTable.PublishedColumnsAsync(session.Connection, target, cancellationToken);
            // The next files download while the current one loads; see PrefetchingFetcher for the disk bound.
            await using (var fetcher = PrefetchingFetcher.Start(source, partitions.SelectMany(p => p.Files).ToList(), PrefetchingFetcher.DefaultDepth, cancellationToken))
            {
                foreach (var partition in partitions)
                {
                    await BuildAsync(session, target, publishedTypes, partition, fetcher, cancellationToken);
                }
            }

            var published = partitions.Select(p => new PublishedPartition(
                p.Part, p.Results.Select(r => r.File).ToList(), p.Results.Sum(r => r.Loaded), p.Results.Sum(r => r.Repaired), p.Results.Sum(r => r.Rejected))).ToList();
            var publishClock = Stopwatch.StartNew();
            await rotator.PublishAsync(session.Connection, target, runId, published, cancellationToken);
            Log.LayerPublished(logger, "publish", vintage.Layer.Key, vintage.Year, $"{target.Schema}.{target.Table}", partitions.Count, published.Sum(p => p.Features), publishClock.ElapsedMilliseconds);
            return Result(LayerOutcome.Published);
        }
        catch (Exception e) when (Failures.Classify(e) is { } kind)
        {
            var reason = Failures.Describe(e);
            Log.LayerNotPublished(logger, vintage.Layer.Key, vintage.Year, $"{target.Schema}.{target.Table}", reason);
            await DropStagingAsync(partitions);
            return Result(LayerOutcome.Failed, kind, reason);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // A stop (SIGTERM) mid-load or mid-index-build: its staging tables go now, not at the next run.
            await DropStagingAsync(partitions);
            throw;
        }
    }

    private async Task BuildAsync(
        LayerSession session, LayerTarget target, IReadOnlyDictionary<string, string> publishedTypes, PartitionBuilder partition, PrefetchingFetcher fetcher, CancellationToken cancellationToken)
    {
        foreach (var file in partition.Files)
        {
            try
            {
                using var fetched = await fetcher.NextAsync(file, cancellationToken);
                partition.Results.Add(await LoadWithRetryAsync(session, target, publishedTypes, file, fetched.Path, partition, cancellationToken));
            }
            catch (Exception e) when (Failures.Classify(e) is not null)
            {
                Log.FileFailed(logger, e is TigerImportException ? null : e, file.Layer.Key, file.Year, file.FileName, Failures.Describe(e));
                throw;
            }
        }

        var connection = session.Connection;
        var staging = partition.Staging!;
        if (request.Counties is not null && partition.Files.All(f => f.Scope == LayerScope.County))
        {
            var kept = await staging.CarryOverAsync(connection, partition.Files.Select(f => f.ScopeCode).ToList(), cancellationToken);
            Log.RowsCarriedOver(logger, target.Vintage.Layer.Key, target.Vintage.Year, partition.Part, kept);
        }

        await staging.FinishAsync(connection, cancellationToken);
    }

    /// <summary>
    /// A file whose connection was lost mid-load (a killed backend, a failover) is loaded once more on a new connection:
    /// its COPY rolled back with the connection and its rejects were not yet committed, so the staging partition holds
    /// exactly the earlier files' rows. A second loss fails the layer.
    /// </summary>
    private async Task<FileResult> LoadWithRetryAsync(
        LayerSession session, LayerTarget target, IReadOnlyDictionary<string, string> publishedTypes, TigerFile file, string path, PartitionBuilder partition, CancellationToken cancellationToken)
    {
        try
        {
            return await fileLoader.LoadAsync(session.Connection, target, publishedTypes, file, path, partition, cancellationToken);
        }
        catch (NpgsqlException e) when (Failures.IsConnectionLost(e, session.Connection) && !cancellationToken.IsCancellationRequested)
        {
            Log.FileRetried(logger, file.Layer.Key, file.Year, file.FileName, Failures.DescribeLost(e));
        }

        await session.ReconnectAsync(cancellationToken);
        try
        {
            return await fileLoader.LoadAsync(session.Connection, target, publishedTypes, file, path, partition, cancellationToken);
        }
        catch (NpgsqlException e) when (Failures.IsConnectionLost(e, session.Connection) && !cancellationToken.IsCancellationRequested)
        {
            throw new TigerImportException(FailureKind.Database, $"the database connection was lost twice while loading {file.FileName}: {Failures.DescribeLost(e)}", e);
        }
    }

    /// <summary>
    /// Best effort, on a fresh connection (the layer's may be broken or busy cancelling) with its own short deadline,
    /// since a stop has already cancelled the run's token; what is left is dropped by the layer's next run.
    /// </summary>
    private async Task DropStagingAsync(IEnumerable<PartitionBuilder> partitions)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(deadline.Token);
            foreach (var staging in partitions.Select(p => p.Staging).OfType<StagingTable>())
            {
                await staging.DropAsync(connection, deadline.Token);
            }
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException)
        {
            // The next run of the layer drops leftovers under its lock.
        }
    }
}
