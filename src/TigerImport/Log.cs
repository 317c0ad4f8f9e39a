using Microsoft.Extensions.Logging;

namespace TigerImport;

/// <summary>
/// Every event the importer logs, with stable ids and fixed property names (RunId, Stage, Layer, Year, State, File,
/// Rows, Rejected, ElapsedMs) that CloudWatch Logs Insights queries by. No event carries a connection string.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Planned {Layer} {Year}: {Files} file(s) into {Table}")]
    public static partial void LayerPlanned(ILogger logger, string layer, int year, int files, string table);

    [LoggerMessage(2, LogLevel.Information, "{Layer} {Year}: {Notice}")]
    public static partial void LayerNotice(ILogger logger, string layer, int year, string notice);

    [LoggerMessage(3, LogLevel.Error, "{Layer} {Year}: {File} is not in the source")]
    public static partial void FileMissing(ILogger logger, string layer, int year, string file);

    [LoggerMessage(4, LogLevel.Warning, "{Layer} {Year}: {File} is not in the source; skipped (--skip-missing)")]
    public static partial void FileSkipped(ILogger logger, string layer, int year, string file);

    [LoggerMessage(10, LogLevel.Information, "Finished: {Stage} {Layer} {Year} {File}: {Rows} rows, {Repaired} repaired, {Rejected} rejected of {Read} read in {ElapsedMs} ms")]
    public static partial void FileLoaded(ILogger logger, string stage, string layer, int year, string file, long read, long rows, long repaired, long rejected, long elapsedMs);

    [LoggerMessage(11, LogLevel.Warning, "{File}: {Undecodable} byte sequence(s) could not be decoded as {Encoding} (chosen from the {EncodingOrigin}); they were loaded as U+FFFD")]
    public static partial void Undecodable(ILogger logger, string file, long undecodable, string encoding, string encodingOrigin);

    [LoggerMessage(12, LogLevel.Debug, "{File} record {RecordNumber} rejected: {Reason}")]
    public static partial void FeatureRejected(ILogger logger, string file, int recordNumber, string reason);

    [LoggerMessage(13, LogLevel.Error, "{Layer} {Year}: loading {File} failed: {Reason}")]
    public static partial void FileFailed(ILogger logger, Exception? exception, string layer, int year, string file, string reason);

    [LoggerMessage(14, LogLevel.Information, "{Layer} {Year}: kept {Rows} published rows of counties not reloaded in partition {Part}")]
    public static partial void RowsCarriedOver(ILogger logger, string layer, int year, string part, long rows);

    [LoggerMessage(20, LogLevel.Information, "Finished: {Stage} {Layer} {Year} into {Table}: {Partitions} partition(s), {Rows} rows in {ElapsedMs} ms")]
    public static partial void LayerPublished(ILogger logger, string stage, string layer, int year, string table, int partitions, long rows, long elapsedMs);

    [LoggerMessage(21, LogLevel.Error, "{Layer} {Year} not published: {Reason}; {Table} is unchanged")]
    public static partial void LayerNotPublished(ILogger logger, string layer, int year, string table, string reason);

    [LoggerMessage(22, LogLevel.Warning, "Publish attempt {Attempt} waits {DelayMs} ms: {Reason}")]
    public static partial void SwapRetry(ILogger logger, int attempt, double delayMs, string? reason);

    [LoggerMessage(23, LogLevel.Information, "Reverted {Table}: partition(s) {Parts} restored from the backup")]
    public static partial void Reverted(ILogger logger, string table, string parts);
}
