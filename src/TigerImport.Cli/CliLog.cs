using Microsoft.Extensions.Logging;
using TigerImport.Import;

namespace TigerImport.Cli;

/// <summary>
/// The CLI's own events (ids 800–859), with the importer's fixed property names. They are logged through the verb's
/// logger (category <c>tigerimport</c>), as every event of a run is.
/// </summary>
internal static partial class CliLog
{
    // 800–809: the run lifecycle every verb shares (VerbRunner).
    [LoggerMessage(800, LogLevel.Information, "tigerimport {Verb} run {RunId} on {Database}")]
    public static partial void RunStarted(ILogger logger, string verb, Guid runId, string database);

    [LoggerMessage(801, LogLevel.Warning, "Cancelled: the layer being loaded was not published; published tables are unchanged")]
    public static partial void Cancelled(ILogger logger);

    [LoggerMessage(802, LogLevel.Error, "{Verb} failed ({Failure}): {Reason}")]
    public static partial void VerbFailed(ILogger logger, string verb, FailureKind failure, string reason);

    [LoggerMessage(803, LogLevel.Critical, "{Verb} failed unexpectedly: {Reason}")]
    public static partial void VerbFailedUnexpectedly(ILogger logger, Exception exception, string verb, string reason);

    // 810–819: import.
    [LoggerMessage(810, LogLevel.Information, "Importing {Layers} {Year} from {Source}")]
    public static partial void Importing(ILogger logger, string layers, int year, string source);

    // 820–829: the end-of-run summary (SummaryReport).
    [LoggerMessage(820, LogLevel.Information, "Summary {Layer} {Year} {Table}: {Outcome}; {Files} file(s), {Read} read, {Rows} loaded, {Repaired} repaired, {Rejected} rejected in {ElapsedMs} ms")]
    public static partial void LayerSummary(
        ILogger logger, string layer, int year, string table, LayerOutcome outcome, int files, long read, long rows, long repaired, long rejected, long elapsedMs);

    [LoggerMessage(821, LogLevel.Error, "Summary {Layer} {Year} {Table}: {Outcome}; {Files} file(s), {Read} read, {Rows} loaded, {Repaired} repaired, {Rejected} rejected in {ElapsedMs} ms: {Error}")]
    public static partial void LayerFailedSummary(
        ILogger logger, string layer, int year, string table, LayerOutcome outcome, int files, long read, long rows, long repaired, long rejected, long elapsedMs, string error);

    [LoggerMessage(822, LogLevel.Warning, "Summary {Layer} {Year} schema drift: {Drift}")]
    public static partial void SummaryDrift(ILogger logger, string layer, int year, string drift);

    [LoggerMessage(823, LogLevel.Information, "Summary: up to date; every file is the one published, nothing was downloaded, loaded or published")]
    public static partial void SummaryUpToDate(ILogger logger);

    [LoggerMessage(824, LogLevel.Information, "Summary source: {BytesDownloaded} bytes downloaded ({FilesDownloaded} file(s)), {BytesFromCache} bytes from the cache ({FilesFromCache} file(s)), {FilesCached} file(s) cached, {CacheRepairs} corrupt cache object(s) replaced, peak temp disk {PeakTempBytes} bytes")]
    public static partial void SourceSummary(
        ILogger logger, long bytesDownloaded, int filesDownloaded, long bytesFromCache, int filesFromCache, int filesCached, int cacheRepairs, long peakTempBytes);

    // 830–839: rejects.
    [LoggerMessage(830, LogLevel.Information, "Run {RejectsOf}: {Rejected} rejected feature(s)")]
    public static partial void RejectsCounted(ILogger logger, Guid rejectsOf, long rejected);

    [LoggerMessage(831, LogLevel.Information, "Run {RejectsOf}: {Rejected} rejected feature(s), written as GeoJSON to {GeoJson}")]
    public static partial void RejectsWritten(ILogger logger, Guid rejectsOf, long rejected, string geoJson);

    [LoggerMessage(832, LogLevel.Information, "Rejected {File} record {RecordNumber} ({Table}): {Reason}")]
    public static partial void Rejected(ILogger logger, string file, int recordNumber, string table, string reason);

    // 840–859: operations and security.
    [LoggerMessage(840, LogLevel.Error, "The run's report was not written: {Reason}")]
    public static partial void ReportNotWritten(ILogger logger, string reason);

    [LoggerMessage(841, LogLevel.Warning, "--connection carries a password: any user of this machine can read it in the process list (ps, /proc/PID/cmdline). Set DATABASE_URL or PGPASSWORD (or a ~/.pgpass file) instead")]
    public static partial void PasswordOnCommandLine(ILogger logger);
}
