using System.Diagnostics;
using Microsoft.Extensions.Logging;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Esri;
using Npgsql;
using TigerImport.Archive;
using TigerImport.Catalog;
using TigerImport.Geometry;
using TigerImport.Import.Policies;
using TigerImport.Load;

namespace TigerImport.Import;

/// <summary>
/// Loads one zip into its staging partition: archive → encoding → geometry (validate, repair, reproject, force Multi*)
/// → binary COPY, with every rejected feature recorded. Records are read on one thread, judged and encoded in parallel
/// batches, and written in file order (<see cref="OrderedBatchPipeline"/>).
/// </summary>
internal sealed class FileLoader(NpgsqlDataSource dataSource, ILogger logger, Guid runId, ImportOptions options, IImportObserver? observer = null)
{
    public async Task<FileResult> LoadAsync(
        NpgsqlConnection connection,
        TigerFile file,
        string path,
        PartitionLoad partition,
        CancellationToken cancellationToken)
    {
        try
        {
            var clock = Stopwatch.StartNew();
            // The archive checks its members against the layer: a shapefile, or a .dbf alone for an attribute-only table.
            using var archive = TigerArchive.Open(path, file.FileName, file.Layer, cancellationToken);
            if (archive.IgnoredMacMembers is > 0 and var ignored)
            {
                Log.MacMetadataIgnored(logger, file.FileName, ignored);
            }

            var attributesOnly = file.Layer.Geometry == LayerGeometry.None;
            var layerShape = file.Layer.Geometry switch
            {
                LayerGeometry.None => ShapeType.NullShape,
                LayerGeometry.MultiPolygon => ShapeType.Polygon,
                LayerGeometry.MultiLineString => ShapeType.PolyLine,
                _ => ShapeType.Point,
            };

            // A point layer's file may hold Point or MultiPoint records; either is stored as a MultiPoint.
            if (archive.ShapeType != layerShape && !(layerShape == ShapeType.Point && archive.ShapeType == ShapeType.MultiPoint))
            {
                throw archive.Invalid($"holds {archive.ShapeType} shapes; {file.Layer.Key} is a {layerShape} layer");
            }

            var encoding = DbfEncoding.Resolve(archive.CodePageText, archive.LanguageDriverId, file.Year, file.FileName);
            var geometry = attributesOnly ? null : FileGeometry.Of(archive, file, options.Srid);
            var rejectLimit = options.Rejects.LimitFor(archive.RecordCount);

            // The reader builds geometries in the file's CRS; the reprojector stamps the target SRID.
            var factory = new GeometryFactory(new PrecisionModel(), SpatialReferences.Nad83);
            using var reader = archive.OpenRecords(encoding.Encoding, factory, cancellationToken);
            var columns = ColumnMapper.Map(reader.Fields, file.FileName);
            var scope = new ScopeCheck(reader.Fields, file);
            var plausibility = new PlausibilityCheck(reader.Fields, file, archive, partition.Envelopes);
            var unknownFields = ColumnDrift.Verify(file.Layer, columns, partition.PublishedTypes, partition.FieldSets, file.FileName, options.AllowDrift);
            if (unknownFields.Count > 0)
            {
                Log.UnknownFields(logger, file.FileName, unknownFields.Count, string.Join(", ", unknownFields));
            }

            partition.FieldsByFile[file.FileName] = columns.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
            await using var rejects = new RejectRecorder(dataSource, partition.Target.Schema, runId, partition.Target.Table, file.FileName);
            long read = 0, repaired = 0, undecodable = 0;
            var loaded = await partition.CopyAsync(connection, file.FileName, columns, async (staging, freeze) =>
            {
                observer?.FileStarted(file.FileName, archive.RecordCount);
                await using var copier = await FeatureCopier.BeginAsync(connection, staging, columns, file.ScopeCode, freeze, cancellationToken);
                if (Interlocked.Exchange(ref firstCopyLogged, 1) == 0)
                {
                    Log.FirstCopyStarted(logger, file.FileName, (long)(DateTime.Now - Process.GetCurrentProcess().StartTime).TotalMilliseconds);
                }

                // Features are judged on several threads, each projecting with its own reprojector (FileGeometry.ForThread).
                using var reprojectors = new ThreadLocal<Reprojector?>(() => geometry?.ForThread());
                var fieldNames = reader.Fields.Select(f => f.Name).ToArray();
                var outcomes = OrderedBatchPipeline.RunAsync(
                    token => Features(reader, archive, factory, token),
                    Weight,
                    feature => Judge(feature, fieldNames, encoding, scope, plausibility, geometry, reprojectors.Value, copier, file, cancellationToken),
                    Batches,
                    cancellationToken);
                await foreach (var outcome in outcomes)
                {
                    read++;
                    observer?.FeatureRead();
                    undecodable += outcome.Undecodable;
                    if (outcome.Row is null)
                    {
                        var feature = outcome.Feature;
                        Log.FeatureRejected(logger, file.FileName, feature.RecordNumber, outcome.Reason!);
                        await rejects.RecordAsync(
                            feature.RecordNumber, outcome.Reason!, feature.Defect is null ? feature.Geometry : null, feature.Defect?.Content, Attributes(columns, feature.Values), cancellationToken);
                        if (rejects.Count > rejectLimit)
                        {
                            throw new TigerImportException(
                                FailureKind.Data,
                                $"{file.FileName}: more than {rejectLimit} of its {archive.RecordCount} features rejected, over the reject budget ({options.Rejects}: --max-rejects / TIGER_MAX_REJECTS); the last, record {feature.RecordNumber}: {outcome.Reason}.");
                        }

                        continue;
                    }

                    await copier.WriteAsync(outcome.Row, cancellationToken);
                    repaired += outcome.Repaired ? 1 : 0;
                    plausibility.Count(outcome.Feature.RecordNumber, outcome.Finding);
                }

                plausibility.Verify(read);
                foreach (var gate in plausibility.Exceptions)
                {
                    Log.PlausibilityExceptions(logger, file.FileName, gate.Gate, gate.Count, PlausibilityCheck.ExceptionBudget.LimitFor(read), gate.FirstRecord, gate.FirstProblem);
                }

                if (repaired > options.Repairs.LimitFor(archive.RecordCount))
                {
                    throw PlausibilityCheck.Failed(
                        file.FileName,
                        "repair-budget",
                        $"{repaired} of its {archive.RecordCount} features were invalid and repaired, more than the repair budget allows ({options.Repairs}: --max-repairs / TIGER_MAX_REPAIRS)");
                }

                // The rows sent; the accounting gate compares the partition's rows in PostgreSQL with them.
                return (long)await copier.CompleteAsync(cancellationToken);
            }, cancellationToken);

            await rejects.CompleteAsync(cancellationToken);
            if (undecodable > 0)
            {
                Log.Undecodable(logger, file.FileName, undecodable, encoding.Name, encoding.Origin);
            }

            var result = new FileResult(file.FileName, read, loaded, repaired, rejects.Count, undecodable, encoding.Name, clock.ElapsedMilliseconds, plausibility.ExceptionCount);
            if (result.Read != result.Loaded + result.Rejected || result.Read != archive.RecordCount)
            {
                throw new InvalidOperationException($"{file.FileName}: {result.Read} read of {archive.RecordCount} records ≠ {result.Loaded} loaded + {result.Rejected} rejected.");
            }

            observer?.FileFinished(result);
            Log.FileLoaded(logger, "load", file.Layer.Key, file.Year, file.FileName, result.Read, result.Loaded, result.Repaired, result.Rejected, result.ElapsedMs);
            return result;
        }
        catch (OutOfMemoryException e)
        {
            // The checks bound what a file can make the reader allocate; should a case slip through, the heap limit
            // (TigerImport.Cli.csproj) turns it into this, and the file is named, instead of the task being killed.
            throw new TigerImportException(FailureKind.Data, $"{file.FileName} needed more memory than the worker's heap limit allows; the file is likely damaged ({e.Message}).", e);
        }
    }

    /// <summary>Whether this process has logged its first COPY (the fixed cost of a run: start-up to the first row sent).</summary>
    private static int firstCopyLogged;

    /// <summary>Reading closes a batch at 64 features or 64k points, and keeps up to 8 in flight: a few MB.</summary>
    private static readonly OrderedBatchPipeline.Limits Batches = new(Items: 64, Weight: 64 * 1024, InFlight: 8);

    private static long Weight(Feature feature) => 1 + (feature.Geometry?.NumPoints ?? 0);

    /// <summary>The features in file order, read on the pipeline's reader thread; the CRCs are checked after the last.</summary>
    private static IEnumerable<Feature> Features(TigerRecords reader, TigerArchive archive, GeometryFactory factory, CancellationToken cancellationToken)
    {
        var recordNumber = 0;
        while (Read(reader, archive, recordNumber, out var deleted))
        {
            cancellationToken.ThrowIfCancellationRequested();
            recordNumber++;
            var values = new object?[reader.Fields.Count];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = reader.Fields[i].Value;
            }

            // A record whose first ring is counter-clockwise is read as GDAL reads it: shells and holes by nesting.
            var geometry = archive.RingsOf(recordNumber) is { } rings ? RingNesting.Organize(factory, rings.Rings, cancellationToken) : reader.Geometry;
            yield return new Feature(recordNumber, deleted, archive.DefectOf(recordNumber), geometry, values, archive.DbfProblemOf(recordNumber));
        }

        archive.VerifyChecksums();
    }

    /// <summary>
    /// A feature's fate, on a pool thread: its values (a NUL rejects it; a state code not the file's fails the file),
    /// then its geometry in the file's CRS (a deleted record, a record the reader was not given, coordinates outside the
    /// CRS, validity), then projected and encoded for the COPY. An attribute-only table's record
    /// (<paramref name="geometry"/> null) has only its values judged.
    /// </summary>
    private static FeatureOutcome Judge(Feature feature, string[] fieldNames, DbfEncoding encoding, ScopeCheck scope, PlausibilityCheck plausibility, FileGeometry? geometry, Reprojector? reprojector, FeatureCopier copier, TigerFile file, CancellationToken cancellationToken)
    {
        long undecodable = 0;
        var valueProblem = feature.DbfProblem;
        for (var i = 0; i < feature.Values.Length; i++)
        {
            if (feature.Values[i] is string text)
            {
                undecodable += DbfEncoding.CountUndecodable(text);

                // PostgreSQL text cannot hold NUL; in a .dbf value it is damage, so the feature is rejected.
                valueProblem ??= text.Contains('\0', StringComparison.Ordinal) ? $"field {fieldNames[i]} holds a NUL byte" : null;
                if (encoding.ContentProblem(text) is { } wrongEncoding)
                {
                    throw new TigerImportException(FailureKind.Data, $"{file.FileName} record {feature.RecordNumber}: field {fieldNames[i]} {wrongEncoding}: {encoding.Claimant} and the .dbf's bytes disagree.");
                }
            }
        }

        scope.Verify(feature.Values, feature.RecordNumber);
        var verdict = valueProblem is not null ? new GeometryVerdict(null, GeometryFate.Rejected, valueProblem)
            : feature.Deleted || feature.Defect is not null ? new GeometryVerdict(null, GeometryFate.Rejected, feature.Deleted ? "record marked deleted in the .dbf" : feature.Defect!.Reason)
            : geometry is null ? new GeometryVerdict(null, GeometryFate.Kept, null)
            : feature.Geometry is { IsEmpty: false } && geometry.Domain.Problem(feature.Geometry) is { } outside ? new GeometryVerdict(null, GeometryFate.Rejected, outside)
            : geometry.Normalizer.Normalize(feature.Geometry, cancellationToken);
        // The plausibility gates see the shape as read and repaired, in the file's longitude/latitude.
        var finding = plausibility.Judge(verdict.Fate == GeometryFate.Rejected ? null : verdict.Geometry, feature.Values, feature.RecordNumber);
        var projected = verdict.Fate == GeometryFate.Rejected || reprojector is null ? verdict : reprojector.Project(verdict.Geometry!);
        if (projected.Fate == GeometryFate.Rejected)
        {
            return new FeatureOutcome(feature, null, false, projected.Reason, undecodable, null);
        }

        try
        {
            return new FeatureOutcome(feature, copier.Encode(feature.Values, projected.Geometry), verdict.Fate == GeometryFate.Repaired, null, undecodable, finding);
        }
        catch (Exception e) when (e is FormatException or OverflowException or InvalidCastException)
        {
            throw new TigerImportException(FailureKind.Data, $"{file.FileName} record {feature.RecordNumber}: a value does not fit its column ({e.Message}).", e);
        }
    }

    /// <summary>Advances the reader; a shapefile library error becomes a data error that names the file and record.</summary>
    private static bool Read(TigerRecords reader, TigerArchive archive, int recordNumber, out bool deleted)
    {
        try
        {
            return reader.Read(out deleted);
        }
        catch (Exception e) when (e is not TigerImportException and not OperationCanceledException)
        {
            throw archive.Invalid($"is unreadable at record {recordNumber + 1}: {e.Message}", e);
        }
    }

    /// <summary>The attributes kept with a reject; a NUL (which jsonb cannot hold) shows as U+FFFD.</summary>
    private static Dictionary<string, object?> Attributes(IReadOnlyList<LayerColumn> columns, object?[] values) =>
        columns.ToDictionary(c => c.Name, c => values[c.FieldIndex] is string text ? text.Replace('\0', '\uFFFD') : values[c.FieldIndex]);

    /// <summary>A record as read: its number (from 1), .dbf deletion flag, the defect that kept it from the reader, geometry, values, and what is wrong with its raw .dbf values.</summary>
    private sealed record Feature(int RecordNumber, bool Deleted, ShapeDefect? Defect, NetTopologySuite.Geometries.Geometry? Geometry, object?[] Values, string? DbfProblem);

    /// <summary>A feature's fate: its COPY row, or null and the reason it is rejected.</summary>
    private sealed record FeatureOutcome(Feature Feature, EncodedTuple? Row, bool Repaired, string? Reason, long Undecodable, PlausibilityCheck.Finding? Finding);
}
