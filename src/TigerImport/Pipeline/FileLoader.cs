using System.Diagnostics;
using Microsoft.Extensions.Logging;
using NetTopologySuite.Geometries;
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
internal sealed class FileLoader(NpgsqlDataSource dataSource, ILogger logger, Guid runId, ImportOptions options)
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
        var clock = Stopwatch.StartNew();
        using var archive = TigerArchive.Open(path, file.FileName);
        var encoding = DbfEncoding.Resolve(archive.CodePageText, archive.LanguageDriverId, file.Year);
        var reprojector = Reprojector.Create(SpatialReferences.ParseProjection(archive.ProjectionText, file.FileName), options.Srid);
        var normalizer = new GeometryNormalizer(file.Layer.Geometry);

        // The reader builds geometries in the file's CRS; the reprojector stamps the target SRID.
        using var reader = archive.OpenShapefile(encoding.Encoding, new GeometryFactory(new PrecisionModel(), SpatialReferences.Nad83));
        var columns = ColumnMapper.Map(reader.Fields, file.FileName);
        var staging = await partition.StagingAsync(connection, file.FileName, columns, publishedTypes, cancellationToken);

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
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = reader.Fields[i].Value;
                    undecodable += values[i] is string text ? DbfEncoding.CountUndecodable(text) : 0;
                }

                var verdict = deleted ? new GeometryVerdict(null, GeometryFate.Rejected, "record marked deleted in the .dbf") : normalizer.Normalize(reader.Geometry);
                if (verdict.Fate == GeometryFate.Rejected)
                {
                    Log.FeatureRejected(logger, file.FileName, recordNumber, verdict.Reason!);
                    await rejects.RecordAsync(recordNumber, verdict.Reason!, reader.Geometry, Attributes(columns, values), cancellationToken);
                    continue;
                }

                reprojector.Apply(verdict.Geometry!);
                await WriteAsync(copier, values, verdict.Geometry!, file, recordNumber, cancellationToken);
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
        if (result.Read != result.Loaded + result.Rejected)
        {
            throw new InvalidOperationException($"{file.FileName}: {result.Read} read ≠ {result.Loaded} loaded + {result.Rejected} rejected.");
        }

        Log.FileLoaded(logger, "load", file.Layer.Key, file.Year, file.FileName, result.Read, result.Loaded, result.Repaired, result.Rejected, result.ElapsedMs);
        return result;
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

    private static Dictionary<string, object?> Attributes(IReadOnlyList<LayerColumn> columns, object?[] values) =>
        columns.ToDictionary(c => c.Name, c => values[c.FieldIndex]);
}
