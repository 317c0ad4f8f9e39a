using System.Diagnostics;
using Microsoft.Extensions.Logging;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Esri;
using Npgsql;
using TigerImport.Archive;
using TigerImport.Catalog;
using TigerImport.Geometry;
using TigerImport.Load;

namespace TigerImport.Pipeline;

/// <summary>
/// Loads one zip into its staging partition, feature by feature: archive → encoding → geometry (validate, repair,
/// reproject, force Multi*) → binary COPY, with every rejected feature recorded.
/// </summary>
internal sealed class FileLoader(NpgsqlDataSource dataSource, ILogger logger, Guid runId, ImportOptions options, IImportObserver? observer = null)
{
    public async Task<FileResult> LoadAsync(
        NpgsqlConnection connection,
        LayerTarget target,
        IReadOnlyDictionary<string, string> publishedTypes,
        TigerFile file,
        string path,
        PartitionBuilder partition,
        CancellationToken cancellationToken)
    {
        try
        {
            var clock = Stopwatch.StartNew();
            using var archive = TigerArchive.Open(path, file.FileName, cancellationToken);
            var layerShape = file.Layer.Geometry == LayerGeometry.MultiPolygon ? ShapeType.Polygon : ShapeType.PolyLine;
            if (archive.ShapeType != layerShape)
            {
                throw archive.Invalid($"holds {archive.ShapeType} shapes; {file.Layer.Key} is a {layerShape} layer");
            }

            var encoding = DbfEncoding.Resolve(archive.CodePageText, archive.LanguageDriverId, file.Year, file.FileName);
            var sourceCrs = SpatialReferences.ParseProjection(archive.ProjectionText, file.FileName);
            var domain = CoordinateDomain.Of(sourceCrs);
            var reprojector = Reprojector.Create(sourceCrs, options.Srid);
            var normalizer = new GeometryNormalizer(file.Layer.Geometry);
            var rejectLimit = options.Rejects.LimitFor(archive.RecordCount);

            // The reader builds geometries in the file's CRS; the reprojector stamps the target SRID.
            using var reader = archive.OpenShapefile(encoding.Encoding, new GeometryFactory(new PrecisionModel(), SpatialReferences.Nad83), cancellationToken);
            var columns = ColumnMapper.Map(reader.Fields, file.FileName);
            ThrowIfRenamed(columns, publishedTypes, file);
            var scope = new ScopeCheck(reader.Fields, file);
            var staging = await partition.StagingAsync(connection, file.FileName, columns, publishedTypes, cancellationToken);
            observer?.FileStarted(file.FileName, reader.RecordCount);

            await using var rejects = new RejectRecorder(dataSource, target.Schema, runId, target.Table, file.FileName);
            long loaded, repaired = 0, undecodable = 0;
            var recordNumber = 0;
            await using (var copier = await FeatureCopier.BeginAsync(connection, staging, columns, file.ScopeCode, cancellationToken))
            {
                var values = new object?[reader.Fields.Count];
                while (Read(reader, archive, recordNumber, out var deleted))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    recordNumber++;
                    observer?.FeatureRead();
                    string? valueProblem = null;
                    for (var i = 0; i < values.Length; i++)
                    {
                        values[i] = reader.Fields[i].Value;
                        if (values[i] is string text)
                        {
                            undecodable += DbfEncoding.CountUndecodable(text);

                            // PostgreSQL text cannot hold NUL; in a .dbf value it is damage, so the feature is rejected.
                            valueProblem ??= text.Contains('\0', StringComparison.Ordinal) ? $"field {reader.Fields[i].Name} holds a NUL byte" : null;
                        }
                    }

                    scope.Verify(values, recordNumber);
                    var defect = archive.DefectOf(recordNumber);
                    var verdict = valueProblem is null ? Judge(deleted, defect, reader.Geometry, domain, normalizer) : new GeometryVerdict(null, GeometryFate.Rejected, valueProblem);
                    var projected = verdict.Fate == GeometryFate.Rejected ? verdict : reprojector.Project(verdict.Geometry!);
                    if (projected.Fate == GeometryFate.Rejected)
                    {
                        Log.FeatureRejected(logger, file.FileName, recordNumber, projected.Reason!);
                        await rejects.RecordAsync(recordNumber, projected.Reason!, defect is null ? reader.Geometry : null, defect?.Content, Attributes(columns, values), cancellationToken);
                        if (rejects.Count > rejectLimit)
                        {
                            throw new TigerImportException(
                                FailureKind.Data,
                                $"{file.FileName}: more than {rejectLimit} of its {archive.RecordCount} features rejected, over the reject budget ({options.Rejects}: --max-rejects / TIGER_MAX_REJECTS); the last, record {recordNumber}: {projected.Reason}.");
                        }

                        continue;
                    }

                    await WriteAsync(copier, values, projected.Geometry!, file, recordNumber, cancellationToken);
                    repaired += verdict.Fate == GeometryFate.Repaired ? 1 : 0;
                }

                archive.VerifyChecksums();

                // PostgreSQL's count of the rows it took, so the accounting check below also covers the COPY.
                loaded = (long)await copier.CompleteAsync(cancellationToken);
            }

            await rejects.CompleteAsync(cancellationToken);
            if (undecodable > 0)
            {
                Log.Undecodable(logger, file.FileName, undecodable, encoding.Name, encoding.Origin);
            }

            var result = new FileResult(file.FileName, recordNumber, loaded, repaired, rejects.Count, undecodable, encoding.Name, clock.ElapsedMilliseconds);
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

    /// <summary>
    /// A file may bring a field the published table lacks (a newer release), or lack one it has; both at once is a
    /// renamed field, which a flipped byte in the .dbf header makes, and would add a junk column to the table for good.
    /// </summary>
    private static void ThrowIfRenamed(IReadOnlyList<LayerColumn> columns, IReadOnlyDictionary<string, string> publishedTypes, TigerFile file)
    {
        var published = publishedTypes.Keys.Where(name => !ColumnMapper.ReservedNames.Contains(name)).ToList();
        var missing = published.Except(columns.Select(c => c.Name)).ToList();
        var added = columns.Select(c => c.Name).Except(published).ToList();
        if (published.Count > 0 && missing.Count > 0 && added.Count > 0)
        {
            throw new TigerImportException(
                FailureKind.Data,
                $"{file.FileName}: its .dbf has field(s) {string.Join(", ", added)} where the published table has {string.Join(", ", missing)}; a renamed field is a damaged header, not a new column.");
        }
    }

    /// <summary>The feature's fate in the file's CRS: a deleted record, a record the reader was not given, coordinates outside the CRS, then validity.</summary>
    private static GeometryVerdict Judge(bool deleted, ShapeDefect? defect, NetTopologySuite.Geometries.Geometry? geometry, CoordinateDomain domain, GeometryNormalizer normalizer)
    {
        if (deleted || defect is not null)
        {
            return new GeometryVerdict(null, GeometryFate.Rejected, deleted ? "record marked deleted in the .dbf" : defect!.Reason);
        }

        return geometry is { IsEmpty: false } && domain.Problem(geometry) is { } outside
            ? new GeometryVerdict(null, GeometryFate.Rejected, outside)
            : normalizer.Normalize(geometry);
    }

    /// <summary>Advances the reader; a shapefile library error becomes a data error that names the file and record.</summary>
    private static bool Read(NetTopologySuite.IO.Esri.Shapefiles.Readers.ShapefileReader reader, TigerArchive archive, int recordNumber, out bool deleted)
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

    private static async Task WriteAsync(FeatureCopier copier, object?[] values, NetTopologySuite.Geometries.Geometry geometry, TigerFile file, int recordNumber, CancellationToken cancellationToken)
    {
        try
        {
            await copier.WriteAsync(values, geometry, cancellationToken);
        }
        catch (Exception e) when (e is FormatException or OverflowException or InvalidCastException)
        {
            throw new TigerImportException(FailureKind.Data, $"{file.FileName} record {recordNumber}: a value does not fit its column ({e.Message}).", e);
        }
    }

    /// <summary>The attributes kept with a reject; a NUL (which jsonb cannot hold) shows as U+FFFD.</summary>
    private static Dictionary<string, object?> Attributes(IReadOnlyList<LayerColumn> columns, object?[] values) =>
        columns.ToDictionary(c => c.Name, c => values[c.FieldIndex] is string text ? text.Replace('\0', '\uFFFD') : values[c.FieldIndex]);
}
