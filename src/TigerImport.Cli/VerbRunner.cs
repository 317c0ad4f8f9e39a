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
    public sealed record Context(Npgsql.NpgsqlDataSource DataSource, ILogger Logger, Guid RunId, LogOutput Output)
    {
        /// <summary>The exit code a verb chooses for a run that did its work (<c>plan --exit-code</c>); null: from the summary.</summary>
        public int? ExitCode { get; set; }
    }

    /// <param name="validate">
    /// Reads the verb's options into its request and makes every check that needs no database (a source folder that
    /// does not exist, option combinations); throws a usage error, reported in <see cref="UsageError"/>'s format
    /// before any connection.
    /// </param>
    /// <param name="run">The verb's work; returns the summary to print, or null when the verb has none.</param>
    public static async Task<int> RunAsync<TRequest>(
        ParseResult parse, string verb, Func<ILogger, TRequest> validate, Func<TRequest, Context, Task<ImportSummary?>> run, CancellationToken cancellationToken)
    {
        LogOutput output;
        try
        {
            output = LogOutput.Create(parse.GetValue(CliOptions.LogFormat), DocumentOnStdout(parse));
        }
        catch (TigerImportException e)
        {
            return await UsageError.WriteAsync(verb, [e.Message]);
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
                var request = validate(logger);
                dataSource = DatabaseConnection.Create(parse.GetValue(CliOptions.Connection), output.Factory, out var database);
                CliLog.RunStarted(logger, verb, runId, database);
                if (DatabaseConnection.CarriesPassword(parse.GetValue(CliOptions.Connection)))
                {
                    CliLog.PasswordOnCommandLine(logger);
                }

                await DatabaseConnection.WaitUntilReachableAsync(dataSource, database, logger, cancellationToken);
                var context = new Context(dataSource, logger, runId, output);
                var summary = await run(request, context);
                if (summary is not null)
                {
                    SummaryReport.Write(summary, output, logger);
                }

                exitCode = summary?.WorstFailure is { } failure ? ExitCodes.For(failure) : context.ExitCode ?? ExitCodes.Success;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                CliLog.Cancelled(logger);
                exitCode = ExitCodes.Cancelled;
            }
            catch (Exception e) when (FailureClassifier.Classify(e) is FailureKind.Usage)
            {
                // A command line that cannot work, in the parser's format, whether found before the database was
                // touched or only once it was read (an unknown county, nothing to revert); the journal keeps exit 2.
                exitCode = await UsageError.WriteAsync(verb, [e.Message]);
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

    /// <summary>A verb asked for its document (<c>--json</c>): stdout carries that document only, and the log goes to stderr.</summary>
    private static bool DocumentOnStdout(ParseResult parse) =>
        parse.CommandResult.Command.Options.Contains(CliOptions.Json) && parse.GetValue(CliOptions.Json);
}
