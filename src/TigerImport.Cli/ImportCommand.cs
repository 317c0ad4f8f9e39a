using System.CommandLine;
using Microsoft.Extensions.Logging;
using TigerImport.Catalog;
using TigerImport.Import;
using TigerImport.Sources;
using TigerImport.Sources.Folder;

namespace TigerImport.Cli;

/// <summary>
/// <c>tigerimport import</c>: downloads or reads the zips of one vintage, loads them into staging and publishes each
/// layer atomically; with <c>--sync-regions</c>, then syncs the app's region table. The other verbs read their
/// request, options and source as an import does (<see cref="RequestFrom"/>, <see cref="OptionsFrom"/>, <see cref="SourceFrom"/>).
/// </summary>
internal static class ImportCommand
{
    /// <summary>
    /// Every option of an import, defined once: <c>plan</c> takes the same list, so any import's command line with the
    /// verb changed to <c>plan</c> shows what that import would do.
    /// </summary>
    internal static IReadOnlyList<Option> Options =>
    [
        CliOptions.Source, CliOptions.Year, CliOptions.Layers, CliOptions.States, CliOptions.Counties, CliOptions.Schema, CliOptions.Srid,
        CliOptions.Connection, CliOptions.SkipMissing, CliOptions.Cache, CliOptions.TempDir, CliOptions.UserAgent, CliOptions.MaxDownloads,
        CliOptions.S3Endpoint, CliOptions.LogFormat, CliOptions.Force, CliOptions.MinShare, CliOptions.AllowShrink, CliOptions.AllowChange, CliOptions.AllowDrift, CliOptions.KeepBackups, CliOptions.Report,
        CliOptions.LockWait, CliOptions.MaxRejects, CliOptions.MaxRepairs, CliOptions.Jobs, CliOptions.Release, CliOptions.PlanVersion, SyncRegionsCommand.SyncRegions,
        .. SyncRegionsCommand.SharedOptions,
    ];

    public static Command Create()
    {
        var command = new Command("import", "Import layers of one vintage: download or read the zips, load them into staging, publish each layer atomically.");
        foreach (var option in Options)
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) => VerbRunner.RunAsync(
            parse,
            "import",
            logger =>
            {
                var import = PlannedRequestFrom(parse);
                return (Import: import, Sync: parse.GetValue(SyncRegionsCommand.SyncRegions) ? SyncRegionsCommand.RequestFrom(parse) : null, Source: SourceFrom(parse, import, logger));
            },
            async (request, run) =>
        {
            var source = request.Source;
            using var disposeSource = source as IDisposable;
            CliLog.Importing(run.Logger, string.Join(",", request.Import.Layers), request.Import.Year, source.DisplayName);
            var summary = await new ImportRunner(run.DataSource, source, run.Logger, run.Output.Observer).ImportAsync(run.RunId, request.Import, ImportOptionsFrom(parse), cancellationToken);
            if (request.Sync is not null && summary.WorstFailure is null)
            {
                try
                {
                    summary = summary with { RegionSync = await SyncRegionsCommand.SyncAsync(run.DataSource, run.Logger, request.Sync with { SyncId = run.RunId }, null, cancellationToken) };
                }
                catch
                {
                    // Every layer published: a failed (or stopped) sync still gets the import's summary and report;
                    // the sync's failure then decides the exit code.
                    SummaryReport.Write(summary, run.Output, run.Logger);
                    await RunReport.WriteAsync(parse.GetValue(CliOptions.Report), summary, CancellationToken.None);
                    throw;
                }
            }

            try
            {
                await RunReport.WriteAsync(parse.GetValue(CliOptions.Report), summary, cancellationToken);
            }
            catch (TigerImportException e)
            {
                // After the work: what was published stays published (the summary says what), and the exit code (2,
                // also in tiger_runs.exit_code) says the report the scheduler waits for is missing.
                SummaryReport.Write(summary, run.Output, run.Logger);
                CliLog.ReportNotWritten(run.Logger, e.Message);
                throw new TigerImportException(FailureKind.Usage, $"{e.Message} The run itself finished as its summary says; only the report is missing.", e);
            }

            if (summary.RegionSync is { Refused.Count: > 0 } refused)
            {
                // The other states were synced and are in the report; the refused ones decide the exit code (3).
                SummaryReport.Write(summary, run.Output, run.Logger);
                SyncRegionsCommand.ThrowIfRefused(refused);
            }

            return summary;
        }, cancellationToken));
        return command;
    }

    /// <summary>
    /// The source options (import and plan share them). A folder's listing is a directory read, so the request is
    /// planned against it here, before any connection: what it finds wrong with the command line (a county the folder
    /// lacks among its state's files, two versions of a plan) is a usage error at once. Other sources are listed by the run.
    /// </summary>
    internal static ITigerSource SourceFrom(ParseResult parse, ImportRequest request, ILogger logger)
    {
        var source = TigerSourceFactory.Create(
            new SourceOptions(
                parse.GetValue(CliOptions.Source)!, parse.GetValue(CliOptions.Cache), parse.GetValue(CliOptions.TempDir)!,
                parse.GetValue(CliOptions.UserAgent)!, parse.GetValue(CliOptions.MaxDownloads), parse.GetValue(CliOptions.S3Endpoint)),
            logger);
        if (source is LocalFolderSource)
        {
            // Completes synchronously: the folder's ListAsync returns a finished task.
            ImportPlanner.PlanAsync(request, source.ListAsync, CancellationToken.None).GetAwaiter().GetResult();
        }

        return source;
    }

    /// <summary>The options of an import (and of a plan, which shows what that import would do).</summary>
    internal static ImportOptions ImportOptionsFrom(ParseResult parse) => OptionsFrom(parse) with
    {
        Force = parse.GetValue(CliOptions.Force),
        MinSharePercent = parse.GetValue(CliOptions.MinShare),
        AllowShrink = parse.GetValue(CliOptions.AllowShrink),
        AllowChange = parse.GetValue(CliOptions.AllowChange),
        Repairs = parse.GetValue(CliOptions.MaxRepairs) ?? TigerImport.Import.Policies.RejectBudget.Default,
        AllowDrift = parse.GetValue(CliOptions.AllowDrift),
        KeepBackups = parse.GetValue(CliOptions.KeepBackups),
        MaxRejects = parse.GetValue(CliOptions.MaxRejects),
        Jobs = parse.GetValue(CliOptions.Jobs),
        AppTables = parse.GetValue(SyncRegionsCommand.SyncRegions) ? SyncRegionsCommand.RequestFrom(parse).AppTables : [],
    };

    internal static ImportRequest RequestFrom(ParseResult parse) => ImportRequest.Parse(
        parse.GetValue(CliOptions.Year), parse.GetValue(CliOptions.Layers), parse.GetValue(CliOptions.States), parse.GetValue(CliOptions.Counties));

    /// <summary>The request with the plan choices of an import and a plan (<c>--release</c>, <c>--plan-version</c>).</summary>
    internal static ImportRequest PlannedRequestFrom(ParseResult parse) =>
        RequestFrom(parse).WithPlan(parse.GetValue(CliOptions.Release), parse.GetValue(CliOptions.PlanVersion));

    internal static ImportOptions OptionsFrom(ParseResult parse) =>
        new(parse.GetValue(CliOptions.Schema)!, parse.GetValue(CliOptions.Srid), parse.GetValue(CliOptions.SkipMissing)) { LockWait = TimeSpan.FromSeconds(parse.GetValue(CliOptions.LockWait)) };
}
