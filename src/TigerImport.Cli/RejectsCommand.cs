using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using TigerImport.Operations.Rejects;

namespace TigerImport.Cli;

/// <summary>
/// <c>tigerimport rejects [--run ID] [--geojson FILE]</c>: lists the features a run rejected (default: the last
/// import) and writes them as a GeoJSON FeatureCollection a GIS opens: geometry as read, reason, file, record, attributes.
/// </summary>
internal static class RejectsCommand
{
    public static Command Create()
    {
        var command = new Command("rejects", "List the features a run rejected, and write them as GeoJSON (--geojson) to look at in QGIS.")
        {
            CliOptions.Run, CliOptions.GeoJson, CliOptions.Schema, CliOptions.Connection, CliOptions.LogFormat,
        };
        // The run lifecycle every verb shares (logging, database, exit code); the schema is its only request.
        command.SetAction((parse, cancellationToken) => VerbRunner.RunAsync(parse, "rejects", _ => parse.GetValue(CliOptions.Schema)!, async (schema, run) =>
        {
            var (output, logger) = (run.Output, run.Logger);
            var reader = new RejectReader(run.DataSource, schema);
            var runId = parse.GetValue(CliOptions.Run) ?? await reader.LastImportAsync(cancellationToken)
                ?? throw new TigerImportException(FailureKind.Usage, $"No import has run in schema '{schema}' yet.");
            if (parse.GetValue(CliOptions.Run) is { } asked && !await reader.HasRunAsync(asked, cancellationToken))
            {
                throw new TigerImportException(FailureKind.Usage, $"Schema '{schema}' has no run {asked} in its tiger_runs: check --run (the RunId in the log) and --schema.");
            }

            var geoJson = parse.GetValue(CliOptions.GeoJson);
            var count = await WriteAsync(reader.ReadAsync(runId, cancellationToken), geoJson, output, logger, cancellationToken);
            if (geoJson is null)
            {
                CliLog.RejectsCounted(logger, runId, count);
            }
            else
            {
                CliLog.RejectsWritten(logger, runId, count, geoJson);
            }
            return null;
        }, cancellationToken));
        return command;
    }

    /// <summary>Streams the rejects to the listing and, when asked, to the GeoJSON file; returns how many there were.</summary>
    private static async Task<long> WriteAsync(
        IAsyncEnumerable<RejectedFeature> rejects, string? geoJsonPath, LogOutput output, ILogger logger, CancellationToken cancellationToken)
    {
        await using var file = geoJsonPath is null ? null : File.Create(geoJsonPath);
        await using var json = file is null ? null : new Utf8JsonWriter(file, new JsonWriterOptions { Indented = false });
        json?.WriteStartObject();
        json?.WriteString("type", "FeatureCollection");
        json?.WriteStartArray("features");
        long count = 0;
        await foreach (var reject in rejects)
        {
            count++;
            if (output.IsJson)
            {
                CliLog.Rejected(logger, reject.File, reject.Record, reject.Table, reject.Reason);
            }
            else
            {
                Console.WriteLine($"{reject.File}  record {reject.Record}  {reject.Table}: {reject.Reason}");
            }

            if (json is not null)
            {
                WriteFeature(json, reject);
                // 64 KiB per write: the file grows as rows stream in, memory does not grow with the number of rejects.
                if (json.BytesPending > 64 * 1024)
                {
                    await json.FlushAsync(cancellationToken);
                }
            }
        }

        json?.WriteEndArray();
        json?.WriteEndObject();
        return count;
    }

    private static void WriteFeature(Utf8JsonWriter json, RejectedFeature reject)
    {
        json.WriteStartObject();
        json.WriteString("type", "Feature");
        json.WritePropertyName("geometry");
        if (reject.GeoJsonGeometry is null)
        {
            json.WriteNullValue();
        }
        else
        {
            json.WriteRawValue(reject.GeoJsonGeometry);
        }

        json.WriteStartObject("properties");
        json.WriteString("reason", reject.Reason);
        json.WriteString("file", reject.File);
        json.WriteNumber("record", reject.Record);
        json.WriteString("table", reject.Table);
        json.WritePropertyName("attributes");
        json.WriteRawValue(reject.AttributesJson ?? "null");
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
