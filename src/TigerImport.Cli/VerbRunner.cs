using System.CommandLine;
using Microsoft.Extensions.Logging;
using Serilog.Context;
using TigerImport.Database;
using TigerImport.Import;

namespace TigerImport.Cli;

/// <summary>
/// The one run lifecycle every verb shares: logging, the request validated before anything touches the database, the
/// database reached (with a short wait for one that is starting), the verb's work, and its outcome mapped to one exit
/// code. Usage mistakes are 2, known failures their kind's code, a stop 130, and anything else a bug (1).
/// The verb's own journal row (tiger_runs) is written by the pipeline type it calls, through <see cref="RunJournal"/>.
/// </summary>
internal static class VerbRunner
{
    /// <summary>What a verb's work gets: the database, the logger, the run's id, and the log output (JSON or not; the import's observer).</summary>
    public sealed record Context(Npgsql.NpgsqlDataSource DataSource, ILogger Logger, Guid RunId, LogOutput Output);

    /// <param name="validate">Reads the verb's options into its request; throws a usage error, before any connection.</param>
    /// <param name="run">The verb's work; returns the summary to print, or null when the verb has none.</param>
    public static async Task<int> RunAsync<TRequest>(
        ParseResult parse, string verb, Func<TRequest> validate, Func<TRequest, Context, Task<ImportSummary?>> run, CancellationToken cancellationToken)
    {
        LogOutput output;
        try
        {
            output = LogOutput.Create(parse.GetValue(CliOptions.LogFormat));
        }
        catch (TigerImportException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return ExitCodes.Usage;
        }

        using (output)
        {
            var runId = Guid.NewGuid();
            using var _ = LogContext.PushProperty("RunId", runId);
            var logger = output.Factory.CreateLogger("tigerimport");
            Npgsql.NpgsqlDataSource? dataSource = null;
            int exitCode;
            try
            {
                var request = validate();
                dataSource = DatabaseConnection.Create(parse.GetValue(CliOptions.Connection), output.Factory, out var database);
                CliLog.RunStarted(logger, verb, runId, database);
                if (DatabaseConnection.CarriesPassword(parse.GetValue(CliOptions.Connection)))
                {
                    CliLog.PasswordOnCommandLine(logger);
                }

                await DatabaseConnection.WaitUntilReachableAsync(dataSource, database, logger, cancellationToken);
                var summary = await run(request, new Context(dataSource, logger, runId, output));
                if (summary is not null)
                {
                    SummaryReport.Write(summary, output, logger);
                }

                exitCode = summary?.WorstFailure is { } failure ? ExitCodes.For(failure) : ExitCodes.Success;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                CliLog.Cancelled(logger);
                exitCode = ExitCodes.Cancelled;
            }
            catch (Exception e) when (FailureClassifier.Classify(e) is { } kind)
            {
                CliLog.VerbFailed(logger, verb, kind, PostgresFailures.Describe(e));
                exitCode = ExitCodes.For(kind);
            }
            catch (Exception e)
            {
                CliLog.VerbFailedUnexpectedly(logger, e, verb, e.Message);
                exitCode = ExitCodes.InternalError;
            }

            if (dataSource is not null)
            {
                // The run's row (when its verb journals) says how the process ended.
                await RunJournal.RecordExitCodeAsync(dataSource, parse.GetValue(CliOptions.Schema)!, runId, exitCode);
                await dataSource.DisposeAsync();
            }

            return exitCode;
        }
    }
}
