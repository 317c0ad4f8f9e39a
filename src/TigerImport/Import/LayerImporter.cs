using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Npgsql;
using TigerImport.Catalog;
using TigerImport.Database;
using TigerImport.Import.Policies;
using TigerImport.Load;
using TigerImport.Publish;
using TigerImport.Sources;

namespace TigerImport.Import;

/// <summary>
/// Imports one layer: each partition (state, or "us") is built in staging from its files, then all of them are
/// published in one swap. A file that is missing or fails leaves the published table exactly as it was.
/// </summary>
internal sealed class LayerImporter(
    NpgsqlDataSource dataSource, ITigerSource source, ILogger logger, Guid runId, ImportOptions options, ImportRequest request, IImportObserver? observer = null)
{
    private readonly FileLoader fileLoader = new(dataSource, logger, runId, options, observer);
    private readonly PartitionRotator rotator = new(logger);

    public async Task<LayerResult> ImportAsync(LayerPlan plan, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var vintage = plan.Vintage;
        var target = new LayerTarget(options.Schema, vintage, options.Srid);
        var partitions = plan.Partitions().Select(p => new PartitionLoad(target, p.Part, p.Files)).ToList();
        Log.LayerPlanned(logger, vintage.Layer.Key, vintage.Year, plan.Files.Count, $"{target.Schema}.{target.Table}");
        if (!target.HasGeometry)
        {
            Log.AttributeOnlyLayer(logger, vintage.Layer.Key, vintage.Year, $"{target.Schema}.{target.Table}");
        }

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

            if (LayerSourceCheck.MissingFiles(plan, options, source.DisplayName) is { } reason)
            {
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
            if (LayerSourceCheck.NoFiles(plan, request, source.DisplayName) is not { } reason)
            {
                return Result(LayerOutcome.NothingToLoad);
            }

            Log.LayerNotPublished(logger, vintage.Layer.Key, vintage.Year, $"{target.Schema}.{target.Table}", reason);
            return Result(LayerOutcome.Failed, FailureKind.Source, reason);
        }

        LayerSession? session = null;
        var building = new List<PartitionLoad>();
        try
        {
            // Inside the try: a partition held past --lock-wait is this layer's failure (exit 5), with the usual summary.
            session = await LayerSession.OpenAsync(dataSource, target, partitions.Select(p => p.Part).ToList(), options.LockWait, cancellationToken);
            var connection = session.Connection;
            // Another run may be building other partitions of this layer right now: only unlocked partitions' staging is a leftover.
            var leftovers = await StagingTable.DropLeftoversAsync(connection, target, (part, drop) => LayerLock.UnlessInUseAsync(connection, target, part, drop), cancellationToken);
            if (leftovers.Count > 0)
            {
                Log.StagingLeftoversDropped(logger, vintage.Layer.Key, vintage.Year, leftovers.Count, string.Join(", ", leftovers));
            }

            // Read once per layer: the published table changes only at publish. A wrong SRID fails here, before any download.
            var publishedTypes = await PublishedTable.PublishedColumnsAsync(session.Connection, target, cancellationToken);
            var fieldSets = await PartitionBookkeeping.PublishedColumnsAsync(session.Connection, target, cancellationToken);
            var envelopes = await ExtentEnvelopes.LoadAsync(session.Connection, target, logger, cancellationToken);
            if (target.HasGeometry)
            {
                // An attribute-only table has no extent to hold to.
                Log.ExtentEnvelopes(logger, vintage.Layer.Key, vintage.Year, envelopes.Source);
            }
            foreach (var partition in partitions)
            {
                partition.PublishedTypes = publishedTypes;
                partition.FieldSets = PublishedFieldSets.For(partition.Part, fieldSets);
                partition.Envelopes = envelopes;
            }

            var decisions = await DecideAsync(session, target, partitions, cancellationToken);
            building = partitions.Where(p => decisions[p.Part].Loads).ToList();
            if (building.Count == 0)
            {
                Log.LayerUpToDate(logger, vintage.Layer.Key, vintage.Year, $"{target.Schema}.{target.Table}", partitions.Count);
                return Result(LayerOutcome.UpToDate) with { Unchanged = partitions.Count };
            }

            var published = await BuildAllAsync(session, building, decisions, cancellationToken);
            if (!options.AllowDrift)
            {
                FieldSetGate.Check(building.SelectMany(p => p.FieldsByFile.Select(f => (f.Key, f.Value))).ToList());
            }

            // session.Connection, not the connection above: a lane that lost it during the load has replaced it.
            await LayerKeyGate.CheckAsync(session.Connection, target, building.Select(p => (p.Staging!, (IReadOnlyList<string>)p.Files.Select(f => f.FileName).ToList())).ToList(), cancellationToken);

            // After the files loaded (a damaged file is its own data error first), before anything is published.
            var publishedBefore = await PartitionBookkeeping.PublishedAsync(session.Connection, target, cancellationToken);
            if (LayerSourceCheck.LostCounties(partitions.Select(p => (p.Part, p.Files)), publishedBefore, request) is { Count: > 0 } lost)
            {
                if (!options.SkipMissing)
                {
                    var reason = LayerSourceCheck.LostCountiesReason(lost, source.DisplayName);
                    Log.LayerNotPublished(logger, vintage.Layer.Key, vintage.Year, $"{target.Schema}.{target.Table}", reason);
                    await DropStagingAsync(building);
                    return Result(LayerOutcome.Failed, FailureKind.Source, reason);
                }

                Log.CountyFilesDropped(logger, vintage.Layer.Key, vintage.Year, $"{target.Schema}.{target.Table}", string.Join(", ", lost));
            }

            var drift = building.SelectMany(p => p.Drift).Concat(PublishedDrift(target, publishedTypes, building)).ToList();
            foreach (var change in drift)
            {
                Log.SchemaDrift(logger, vintage.Layer.Key, vintage.Year, $"{target.Schema}.{target.Table}", change);
            }

            var publishClock = Stopwatch.StartNew();
            await rotator.PublishAsync(session.Connection, target, runId, published, cancellationToken);
            Log.LayerPublished(logger, "publish", vintage.Layer.Key, vintage.Year, $"{target.Schema}.{target.Table}", building.Count, published.Sum(p => p.Features), publishClock.ElapsedMilliseconds);
            if (options.KeepBackups == 0)
            {
                await BackupPruner.PruneAsync(session.Connection, target, published.Select(p => p.Part).ToList(), logger, cancellationToken);
            }

            return Result(LayerOutcome.Published) with
            {
                Unchanged = partitions.Count - building.Count,
                Drift = drift,
                Plans = published.Where(p => p.Plan is not null).Select(p => new PartitionPlan(p.Part, p.Plan!)).ToList(),
            };
        }
        catch (Exception e) when (FailureClassifier.Classify(e) is { } kind)
        {
            var reason = PostgresFailures.Describe(e);
            Log.LayerNotPublished(logger, vintage.Layer.Key, vintage.Year, $"{target.Schema}.{target.Table}", reason);
            await DropStagingAsync(building);
            return Result(LayerOutcome.Failed, kind, reason);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // A stop (SIGTERM) mid-load or mid-index-build: its staging tables go now, not at the next run.
            await DropStagingAsync(building);
            throw;
        }
        finally
        {
            // After the catches: staging is dropped while the partitions are still this run's.
            if (session is not null)
            {
                await session.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Columns the published table has that the staged partitions lack (NULL there), and the ones they bring (added to
    /// the table at publish): a vintage whose layout changed between states or since an earlier publish.
    /// </summary>
    private static IEnumerable<string> PublishedDrift(LayerTarget target, IReadOnlyDictionary<string, string> publishedTypes, IReadOnlyList<PartitionLoad> building)
    {
        if (publishedTypes.Count == 0)
        {
            yield break;
        }

        var staged = building.SelectMany(p => p.Staging!.ColumnTypes.Keys).Concat(target.OwnColumns).ToHashSet(StringComparer.Ordinal);
        if (staged.Except(publishedTypes.Keys).Order(StringComparer.Ordinal).ToList() is { Count: > 0 } added)
        {
            yield return $"new column(s) {string.Join(", ", added)} added to {target.Schema}.{target.Table}";
        }

        if (publishedTypes.Keys.Except(staged).Order(StringComparer.Ordinal).ToList() is { Count: > 0 } gone)
        {
            yield return $"column(s) {string.Join(", ", gone)} of {target.Schema}.{target.Table} absent from the new files: NULL in partition(s) {string.Join(", ", building.Select(p => p.Part))}";
        }
    }

    /// <summary>Which partitions changed since their publish; unchanged ones are not downloaded, loaded or published.</summary>
    private async Task<Dictionary<string, PartitionDecision>> DecideAsync(
        LayerSession session, LayerTarget target, IReadOnlyList<PartitionLoad> partitions, CancellationToken cancellationToken)
    {
        var published = await PartitionBookkeeping.PublishedAsync(session.Connection, target, cancellationToken);
        var decisions = await new ChangeDetector(source, logger).DecideAsync(
            target.Vintage, partitions.Select(p => (p.Part, p.Files)).ToList(), published, options.Force, request.Counties is not null, cancellationToken);
        return decisions.ToDictionary(d => d.Part, StringComparer.Ordinal);
    }

    /// <summary>
    /// Builds the partitions, up to <see cref="ImportOptions.Jobs"/> at once, each lane on its own connection (the first
    /// is the session's, which holds the locks): one lane's reading and encoding overlaps another's COPY, index build and
    /// checks, which keeps both cores of the task busy. In each lane the next files download while the current one loads
    /// (see <see cref="PrefetchingFetcher"/> for the disk bound). The first failure stops the other lanes and is the one
    /// reported.
    /// </summary>
    private async Task<List<LoadedPartition>> BuildAllAsync(
        LayerSession session,
        IReadOnlyList<PartitionLoad> building,
        IReadOnlyDictionary<string, PartitionDecision> decisions,
        CancellationToken cancellationToken)
    {
        var published = new LoadedPartition?[building.Count];
        var next = -1;
        Exception? firstFailure = null;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        async Task RunLaneAsync(int lane)
        {
            var lanesSession = lane == 0 ? session : null;
            try
            {
                lanesSession ??= await session.OpenHelperAsync(stop.Token);
                for (var index = Interlocked.Increment(ref next); index < building.Count; index = Interlocked.Increment(ref next))
                {
                    var partition = building[index];
                    await using var fetcher = PrefetchingFetcher.Start(source, partition.Files, PrefetchingFetcher.DefaultDepth, stop.Token);
                    published[index] = await BuildAsync(lanesSession, partition, decisions[partition.Part], fetcher, stop.Token);
                }
            }
            catch (Exception e)
            {
                if (Interlocked.CompareExchange(ref firstFailure, e, null) is null)
                {
                    await stop.CancelAsync();
                }
            }
            finally
            {
                if (lane > 0 && lanesSession is not null)
                {
                    await lanesSession.DisposeAsync();
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Math.Clamp(options.Jobs, 1, building.Count)).Select(RunLaneAsync));
        if (firstFailure is not null)
        {
            // A stop of the run is reported as such, not as the cancellation it caused in a lane.
            cancellationToken.ThrowIfCancellationRequested();
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(firstFailure);
        }

        return published.Select(p => p!).ToList();
    }

    private async Task<LoadedPartition> BuildAsync(
        LayerSession session,
        PartitionLoad partition,
        PartitionDecision decision,
        PrefetchingFetcher fetcher,
        CancellationToken cancellationToken)
    {
        var lineage = new List<FileLineage>(decision.Kept);
        foreach (var file in partition.Files)
        {
            try
            {
                using var fetched = await fetcher.NextAsync(file, cancellationToken);
                // The lineage's hash is computed while the file loads (it reads the whole zip once more).
                var sha256 = Task.Run(() => FileSha256.ComputeAsync(fetched.Path, cancellationToken), cancellationToken);
                FileResult result;
                try
                {
                    result = await LoadWithRetryAsync(session, file, fetched.Path, partition, cancellationToken);
                }
                catch
                {
                    await sha256.WhenSettled();
                    throw;
                }

                partition.Results.Add(result);
                lineage.Add(new FileLineage(file.FileName, decision.Versions[file.FileName], await sha256, result.Read, result.Loaded, result.Repaired, result.Rejected));
            }
            catch (Exception e) when (FailureClassifier.Classify(e) is not null)
            {
                Log.FileFailed(logger, e is TigerImportException ? null : e, file.Layer.Key, file.Year, file.FileName, PostgresFailures.Describe(e));
                throw;
            }
        }

        var connection = session.Connection;
        var staging = partition.Staging!;
        long carried = 0;
        if (request.Counties is not null && partition.Files.All(f => f.Scope == LayerScope.County))
        {
            carried = await staging.CarryOverAsync(connection, partition.Files.Select(f => f.ScopeCode).ToList(), cancellationToken);
            Log.RowsCarriedOver(logger, partition.Target.Vintage.Layer.Key, partition.Target.Vintage.Year, partition.Part, carried);
        }

        var rows = await FinishAsync(session, staging, partition.Files.Select(f => f.FileName).ToList(), partition.Results.Sum(r => r.Loaded), carried, decision.PublishedFeatures, cancellationToken);
        var plan = PlanOf(partition, lineage);
        if (plan is not null)
        {
            Log.PlanPublished(logger, partition.Target.Vintage.Layer.Key, partition.Target.Vintage.Year, partition.Part, plan.ToString(), string.Join(", ", partition.Files.Select(f => f.FileName)));
        }

        return new LoadedPartition(partition.Part, lineage, rows, partition.Results.Sum(r => r.Repaired), partition.Results.Sum(r => r.Rejected)) { Plan = plan };
    }

    /// <summary>The district plan of a partition's file, dated by the source's Last-Modified of it (when the source gives one).</summary>
    private static DistrictPlan? PlanOf(PartitionLoad partition, IReadOnlyList<FileLineage> lineage)
    {
        if (partition.Files.Select(f => f.Plan).OfType<DistrictPlan>().FirstOrDefault() is not { } plan)
        {
            return null;
        }

        var modified = lineage.Where(l => partition.Files.Any(f => f.FileName == l.File)).Select(l => l.Source.LastModified).Max();
        return modified is { } date ? plan with { Date = DateOnly.FromDateTime(date.UtcDateTime) } : plan;
    }

    /// <summary>
    /// osm2pgsql's post-load order, indexes then statistics, with the quality gates before the publish. The GiST build,
    /// the longest step, runs on a connection of its own while the key index and the gates run on the lane's (index
    /// builds share the table's lock; ANALYZE waits for both). Returns the partition's rows.
    /// </summary>
    private async Task<long> FinishAsync(LayerSession session, StagingTable staging, IReadOnlyList<string> files, long loaded, long carried, long? publishedRows, CancellationToken cancellationToken)
    {
        var connection = session.Connection;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var geometryIndex = staging.Target.HasGeometry ? IndexGeometryAsync(session, staging, stop.Token) : Task.CompletedTask;
        try
        {
            await staging.IndexKeyAsync(connection, cancellationToken);
            var rows = await QualityGates.CheckAsync(connection, staging, loaded, carried, publishedRows, options, cancellationToken);
            await PartitionChangeGate.CheckAsync(connection, staging, files, options, logger, cancellationToken);
            await geometryIndex;
            await staging.AnalyzeAsync(connection, cancellationToken);
            return rows;
        }
        catch
        {
            // A failed gate (or a stop) ends the index build too; its own cancellation is not the failure to report.
            await stop.CancelAsync();
            await geometryIndex.WhenSettled();
            throw;
        }
    }

    /// <summary>
    /// On a helper connection of its own; a lost connection (its CREATE INDEX rolled back with it) is survived once, as
    /// a file's COPY is.
    /// </summary>
    private async Task IndexGeometryAsync(LayerSession session, StagingTable staging, CancellationToken cancellationToken)
    {
        await using var indexing = await session.OpenHelperAsync(cancellationToken);
        await indexing.SurvivingOneLostConnectionAsync(
            $"building the geometry index of {staging.Qualified}",
            async connection =>
            {
                await staging.IndexGeometryAsync(connection, cancellationToken);
                return true;
            },
            reason => Log.IndexRetried(logger, staging.Qualified, reason),
            cancellationToken);
    }

    /// <summary>
    /// A file whose connection was lost mid-load is loaded once more on a new connection: its COPY rolled back with the
    /// connection and its rejects were not yet committed, so the staging partition holds exactly the earlier files' rows.
    /// </summary>
    private Task<FileResult> LoadWithRetryAsync(
        LayerSession session, TigerFile file, string path, PartitionLoad partition, CancellationToken cancellationToken) =>
        session.SurvivingOneLostConnectionAsync(
            $"loading {file.FileName}",
            connection => fileLoader.LoadAsync(connection, file, path, partition, cancellationToken),
            reason => Log.FileRetried(logger, file.Layer.Key, file.Year, file.FileName, reason),
            cancellationToken);

    /// <summary>
    /// Best effort, on a fresh connection (the layer's may be broken or busy cancelling) with its own short deadline,
    /// since a stop has already cancelled the run's token; what is left is dropped by the layer's next run.
    /// </summary>
    private async Task DropStagingAsync(IEnumerable<PartitionLoad> partitions)
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
