using System.CommandLine;
using Microsoft.Extensions.Logging;
using Serilog.Context;
using TigerImport.Catalog;
using TigerImport.Load;
using TigerImport.Pipeline;
using TigerImport.Sources;

namespace TigerImport.Cli;

/// <summary>The thin host: parse options, set up logging and the database, run the pipeline, map the outcome to an exit code.</summary>
internal static class Program
{
    /// <summary>ECS gives a task 120 s (its maximum stopTimeout) between SIGTERM and SIGKILL; leave 10 s to flush logs.</summary>
    private static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(110);

    private static async Task<int> Main(string[] args)
    {
        var root = new RootCommand("tigerimport: loads US Census TIGER/Line shapefiles into PostGIS with binary COPY and an atomic publish.")
        {
            ImportCommand(),
            RevertCommand(),
        };
        return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = ShutdownGrace });
    }

    private static Command ImportCommand()
    {
        var command = new Command("import", "Import layers of one vintage: download or read the zips, load them into staging, publish each layer atomically.")
        {
            CliOptions.Source, CliOptions.Year, CliOptions.Layers, CliOptions.States, CliOptions.Counties, CliOptions.Schema, CliOptions.Srid,
            CliOptions.Connection, CliOptions.SkipMissing, CliOptions.Cache, CliOptions.TempDir, CliOptions.UserAgent, CliOptions.MaxDownloads,
            CliOptions.S3Endpoint, CliOptions.LogFormat, CliOptions.MaxRejects,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(parse, "import", async (dataSource, logger, runId) =>
        {
            var request = RequestFrom(parse);
            var source = TigerSourceFactory.Create(
                new SourceOptions(
                    parse.GetValue(CliOptions.Source)!, parse.GetValue(CliOptions.Cache), parse.GetValue(CliOptions.TempDir)!,
                    parse.GetValue(CliOptions.UserAgent)!, parse.GetValue(CliOptions.MaxDownloads), parse.GetValue(CliOptions.S3Endpoint)),
                logger);
            using var disposeSource = source as IDisposable;
            logger.LogInformation("Importing {Layers} {Year} from {Source}", string.Join(",", request.Layers), request.Year, source.DisplayName);
            var summary = await new ImportRunner(dataSource, source, logger).ImportAsync(runId, request, OptionsFrom(parse), cancellationToken);
            return summary;
        }, cancellationToken));
        return command;
    }

    private static Command RevertCommand()
    {
        var command = new Command("revert", "Restore the previous version of layers (or of some states of them) from the backup schema; run again to undo.")
        {
            CliOptions.Year, CliOptions.Layers, CliOptions.States, CliOptions.Schema, CliOptions.Connection, CliOptions.LogFormat,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(parse, "revert", async (dataSource, logger, runId) =>
        {
            await new Reverter(dataSource, logger).RevertAsync(runId, RequestFrom(parse), OptionsFrom(parse), cancellationToken);
            return null;
        }, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        ParseResult parse, string verb, Func<Npgsql.NpgsqlDataSource, ILogger, Guid, Task<ImportSummary?>> run, CancellationToken cancellationToken)
    {
        Logging logging;
        try
        {
            logging = Logging.Create(parse.GetValue(CliOptions.LogFormat));
        }
        catch (TigerImportException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return ExitCodes.Usage;
        }

        using (logging)
        {
            var runId = Guid.NewGuid();
            using var _ = LogContext.PushProperty("RunId", runId);
            var logger = logging.Factory.CreateLogger("tigerimport");
            try
            {
                await using var dataSource = DatabaseConnection.Create(parse.GetValue(CliOptions.Connection), logging.Factory, out var database);
                logger.LogInformation("tigerimport {Verb} run {RunId} on {Database}", verb, runId, database);
                var summary = await run(dataSource, logger, runId);
                if (summary is null)
                {
                    return ExitCodes.Success;
                }

                SummaryReport.Write(summary, logging, logger);
                return summary.WorstFailure is { } failure ? ExitCodes.For(failure) : ExitCodes.Success;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning("Cancelled: the layer being loaded was not published; published tables are unchanged");
                return ExitCodes.Cancelled;
            }
            catch (Exception e) when (Failures.Classify(e) is { } kind)
            {
                logger.LogError("{Verb} failed ({Failure}): {Reason}", verb, kind, e.Message);
                return ExitCodes.For(kind);
            }
            catch (Exception e)
            {
                logger.LogCritical(e, "{Verb} failed unexpectedly: {Reason}", verb, e.Message);
                return ExitCodes.InternalError;
            }
        }
    }

    private static ImportRequest RequestFrom(ParseResult parse) => ImportRequest.Parse(
        parse.GetValue(CliOptions.Year), parse.GetValue(CliOptions.Layers), parse.GetValue(CliOptions.States), parse.GetValue(CliOptions.Counties));

    private static ImportOptions OptionsFrom(ParseResult parse) =>
        new(parse.GetValue(CliOptions.Schema)!, parse.GetValue(CliOptions.Srid), parse.GetValue(CliOptions.SkipMissing), parse.GetValue(CliOptions.MaxRejects));
}
