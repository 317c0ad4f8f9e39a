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

    [LoggerMessage(21, LogLevel.Error, "{Layer} {Year} not published ({Table} is unchanged): {Reason}")]
    public static partial void LayerNotPublished(ILogger logger, string layer, int year, string table, string reason);

    [LoggerMessage(22, LogLevel.Warning, "Publish attempt {Attempt} waits {DelayMs} ms: {Reason}")]
    public static partial void SwapRetry(ILogger logger, int attempt, double delayMs, string? reason);

    [LoggerMessage(23, LogLevel.Information, "Reverted {Table}: partition(s) {Parts} restored from the backup")]
    public static partial void Reverted(ILogger logger, string table, string parts);

    // 30–49: sources (downloads, listings, the S3 cache). Urls and Keys never carry credentials or query strings.
    [LoggerMessage(30, LogLevel.Information, "Finished: {Stage} {File} from {Url}: {Bytes} bytes in {Attempts} attempt(s), {ElapsedMs} ms")]
    public static partial void DownloadFinished(ILogger logger, string stage, string file, string url, long bytes, int attempts, long elapsedMs);

    [LoggerMessage(31, LogLevel.Warning, "{Operation} {Url}: attempt {Attempt} failed ({Reason}); retrying in {DelayMs} ms")]
    public static partial void Retrying(ILogger logger, string operation, string url, int attempt, string reason, long delayMs);

    [LoggerMessage(32, LogLevel.Information, "{Url}: resuming at byte {Offset} of {Bytes} with a Range request")]
    public static partial void DownloadResuming(ILogger logger, string url, long offset, long bytes);

    [LoggerMessage(33, LogLevel.Error, "{File} from {Url} failed after {Attempts} attempt(s) in {ElapsedMs} ms: {Reason}")]
    public static partial void DownloadFailed(ILogger logger, string file, string url, int attempts, long elapsedMs, string reason);

    [LoggerMessage(34, LogLevel.Error, "Requests to {Host} paused for {BreakMs} ms: too many recent failures (last: {Reason})")]
    public static partial void CircuitOpened(ILogger logger, string host, long breakMs, string reason);

    [LoggerMessage(35, LogLevel.Information, "{Host} answers again; requests resume")]
    public static partial void CircuitClosed(ILogger logger, string host);

    [LoggerMessage(36, LogLevel.Information, "Finished: {Stage} {Directory} from {Url}: {Files} file(s) in {ElapsedMs} ms")]
    public static partial void Listed(ILogger logger, string stage, string directory, string url, int files, long elapsedMs);

    [LoggerMessage(37, LogLevel.Warning, "{Directory}: {Url} cannot be listed ({Reason}); file names come from the catalog")]
    public static partial void ListingUnavailable(ILogger logger, string directory, string url, string reason);

    [LoggerMessage(38, LogLevel.Information, "Finished: {Stage} {File} from {Key}: {Bytes} bytes in {ElapsedMs} ms")]
    public static partial void CacheHit(ILogger logger, string stage, string file, string key, long bytes, long elapsedMs);

    [LoggerMessage(39, LogLevel.Information, "{File} is not in the cache ({Key}); downloading it from {Url}")]
    public static partial void CacheMiss(ILogger logger, string file, string key, string url);

    [LoggerMessage(40, LogLevel.Information, "Finished: {Stage} {File} to {Key}: {Bytes} bytes in {ElapsedMs} ms")]
    public static partial void CacheStored(ILogger logger, string stage, string file, string key, long bytes, long elapsedMs);

    [LoggerMessage(41, LogLevel.Warning, "{File}: cached object {Key} is corrupt ({Reason}); replacing it from {Url}")]
    public static partial void CacheCorrupt(ILogger logger, string file, string key, string reason, string url);

    [LoggerMessage(42, LogLevel.Warning, "Cache {Operation} of {Key} failed ({Reason}); continuing without the cache for it")]
    public static partial void CacheUnavailable(ILogger logger, string operation, string key, string reason);

    [LoggerMessage(43, LogLevel.Information, "Finished: {Stage} {Directory} from {Key}: {Files} file(s) in {ElapsedMs} ms")]
    public static partial void ListedFromS3(ILogger logger, string stage, string directory, string key, int files, long elapsedMs);

    [LoggerMessage(44, LogLevel.Warning, "{Directory}: listing the origin failed ({Reason}); using the cached listing {Key} of {ListedAt:u}")]
    public static partial void StaleListingUsed(ILogger logger, string directory, string reason, string key, DateTimeOffset listedAt);

    [LoggerMessage(45, LogLevel.Information, "Finished: {Stage} {File} from {Key}: {Bytes} bytes in {Attempts} attempt(s), {ElapsedMs} ms")]
    public static partial void S3Downloaded(ILogger logger, string stage, string file, string key, long bytes, int attempts, long elapsedMs);

    // 70–79: the database side of a run (connection, leftovers, abandoned runs, retries).
    [LoggerMessage(70, LogLevel.Warning, "Database {Database} not reachable (attempt {Attempt}: {Reason}); retrying in {DelayMs} ms")]
    public static partial void DatabaseUnreachable(ILogger logger, string database, int attempt, long delayMs, string reason);

    [LoggerMessage(71, LogLevel.Warning, "{Layer} {Year}: dropped {Count} staging table(s) left by an earlier run that did not finish: {Tables}")]
    public static partial void StagingLeftoversDropped(ILogger logger, string layer, int year, int count, string tables);

    [LoggerMessage(72, LogLevel.Warning, "Run {AbandonedRunId} ({Command}, started {StartedAt:u}) was left running by a process that is gone; marked abandoned")]
    public static partial void RunAbandoned(ILogger logger, Guid abandonedRunId, string command, DateTime startedAt);

    [LoggerMessage(73, LogLevel.Warning, "{Layer} {Year}: the database connection was lost while loading {File} ({Reason}); loading it again on a new connection")]
    public static partial void FileRetried(ILogger logger, string layer, int year, string file, string reason);

    [LoggerMessage(106, LogLevel.Warning, "{Table}: the database connection was lost while building its geometry index ({Reason}); building it again on a new connection")]
    public static partial void IndexRetried(ILogger logger, string table, string reason);

    [LoggerMessage(74, LogLevel.Warning, "{Table}: the publish waits for {Blockers}")]
    public static partial void PublishBlocked(ILogger logger, string table, string blockers);

    [LoggerMessage(75, LogLevel.Warning, "{Layer} {Year}: the source holds {Count} zip(s) whose names are not Census file names, ignored: {Files}")]
    public static partial void UnrecognizedFiles(ILogger logger, string layer, int year, int count, string files);

    // 100-119: monthly runs (change detection, drift, backups).
    [LoggerMessage(100, LogLevel.Information, "{Layer} {Year}: {Table} is up to date: the {Partitions} partition(s) asked for have the files published; nothing downloaded, loaded or published")]
    public static partial void LayerUpToDate(ILogger logger, string layer, int year, string table, int partitions);

    [LoggerMessage(101, LogLevel.Information, "{Layer} {Year}: partition {Part} is {Change}: {Reason}")]
    public static partial void PartitionDecided(ILogger logger, string layer, int year, string part, string change, string reason);

    [LoggerMessage(102, LogLevel.Warning, "{Layer} {Year}: {Location} gives no validator (ETag, Last-Modified) to compare with the published copy of {File}: downloading it to compare SHA-256")]
    public static partial void NoValidators(ILogger logger, string layer, int year, string file, string location);

    [LoggerMessage(103, LogLevel.Warning, "{Layer} {Year}: schema drift in {Table}: {Drift}")]
    public static partial void SchemaDrift(ILogger logger, string layer, int year, string table, string drift);

    [LoggerMessage(104, LogLevel.Information, "{Table}: dropped the backup of {Count} partition(s): {Parts}")]
    public static partial void BackupsPruned(ILogger logger, string table, int count, string parts);

    [LoggerMessage(105, LogLevel.Information, "{Table}: no backup to drop (never republished, already pruned, or not published)")]
    public static partial void NoBackupsToPrune(ILogger logger, string table);

    [LoggerMessage(600, LogLevel.Information, "{Layer} {Year}: partition {State} holds the plan {Plan} ({File})")]
    public static partial void PlanPublished(ILogger logger, string layer, int year, string state, string plan, string file);

    // 620-639: plausibility gates.
    [LoggerMessage(620, LogLevel.Warning, "{Layer} {Year}: --skip-missing: {Table} is published without the county file(s) its published version was built from: {Files}")]
    public static partial void CountyFilesDropped(ILogger logger, string layer, int year, string table, string files);

    // 680-699: integrity, second round.
    [LoggerMessage(680, LogLevel.Information, "{Table}: the revert dropped the column(s) the reverted publish had added: {Columns}")]
    public static partial void RevertDroppedColumns(ILogger logger, string table, string columns);

    [LoggerMessage(681, LogLevel.Warning, "{Table}: the revert keeps column {Column}, which no restored partition needs, because another object depends on it ({Reason})")]
    public static partial void RevertKeptColumn(ILogger logger, string table, string column, string reason);

    [LoggerMessage(682, LogLevel.Information, "{Layer} {Year}: the extent gate holds files to {Source}")]
    public static partial void ExtentEnvelopes(ILogger logger, string layer, int year, string source);

    [LoggerMessage(683, LogLevel.Warning, "{Layer} {Year}: the extent gate ignores {Table}'s envelope of {Geoid}, {Box}: it reaches outside the shipped state envelope {Shipped} (±{Margin}°), which applies instead (published shapes moved?)")]
    public static partial void PublishedEnvelopeIgnored(ILogger logger, string layer, int year, string table, string geoid, string box, string shipped, double margin);

    [LoggerMessage(684, LogLevel.Warning, "{File}: plausibility gate {Gate} let {Exceptions} feature(s) through as exceptions, within the budget of {Allowed}; the first, record {RecordNumber}: {Problem}")]
    public static partial void PlausibilityExceptions(ILogger logger, string file, string gate, long exceptions, long allowed, int recordNumber, string problem);

    [LoggerMessage(690, LogLevel.Information, "{Table} partition {Part}: shape-moved: {Moved} of the {Common} keys both versions have moved their shape ({Milliseconds} ms)")]
    public static partial void ShapesCompared(ILogger logger, string table, string part, long moved, long common, long milliseconds);

    [LoggerMessage(696, LogLevel.Warning, "{File}: {Count} new column(s) from field(s) Census does not write in TIGER/Line or cartographic files, within the cap: {Fields} (a field Census added later, or junk)")]
    public static partial void UnknownFields(ILogger logger, string file, int count, string fields);

    // 700-719: the catalog and real files.
    [LoggerMessage(700, LogLevel.Information, "{File}: {Ignored} macOS metadata member(s) ignored (__MACOSX/, ._*, .DS_Store: the zip was re-made on a Mac)")]
    public static partial void MacMetadataIgnored(ILogger logger, string file, int ignored);

    // 720-739: attribute-only tables (a .dbf with no .shp).
    [LoggerMessage(720, LogLevel.Information, "{Layer} {Year}: {Table} is an attribute-only table (a .dbf with no .shp): no geometry column or GiST index; the geometry gates (shape-agreement, extent, area-share, extent-moved) do not apply, key-share and min-share do")]
    public static partial void AttributeOnlyLayer(ILogger logger, string layer, int year, string table);

    // 760-779: the cost per run and per file (county-scale runs).
    [LoggerMessage(760, LogLevel.Information, "Start-up: the run's first COPY ({File}) began {ElapsedMs} ms after the process started")]
    public static partial void FirstCopyStarted(ILogger logger, string file, long elapsedMs);
}
