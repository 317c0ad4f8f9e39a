using System.CommandLine;
using TigerImport.Database;
using TigerImport.Geometry;
using TigerImport.Import;
using TigerImport.Import.Policies;

namespace TigerImport.Cli;

/// <summary>Every option of every verb, each defined once.</summary>
internal static class CliOptions
{
    public static readonly Option<string?> Year = EnvOption.Text("--year", "TIGER_YEAR", "TIGER/Line vintage, e.g. 2024 (required)");

    public static readonly Option<string?> Layers = EnvOption.Text("--layers", "TIGER_LAYERS", $"Comma-separated layers: {string.Join(", ", TigerImport.Catalog.TigerLayers.All.Select(l => l.Key))}, a cartographic CB_<LAYER>_<RES>, or all: every layer of the year (required; docs/layers.md)");

    public static readonly Option<string?> States = EnvOption.Text("--states", "TIGER_STATES", "Comma-separated state FIPS or USPS codes (25 or MA); default: all states");

    public static readonly Option<string?> Counties = EnvOption.Text("--counties", "TIGER_COUNTIES", "Comma-separated 5-digit county codes (35013) that narrow county-based layers");

    public static readonly Option<string?> Schema = EnvOption.Text("--schema", "TIGER_SCHEMA", "Target schema; tables are <schema>.<layer>_<year>", "tiger")
        .Checked(Sql.SchemaProblem);

    public static readonly Option<int> Srid = EnvOption.Number("--srid", "TIGER_SRID", $"Target SRID: {string.Join(", ", SpatialReferences.Targets)}", SpatialReferences.Wgs84,
        srid => SpatialReferences.Targets.Contains(srid) ? null : $"--srid (TIGER_SRID) {srid} is not supported: choose one of {string.Join(", ", SpatialReferences.Targets)}.");

    public static readonly Option<RejectBudget> MaxRejects = EnvOption.Parsed(
        "--max-rejects",
        "TIGER_MAX_REJECTS",
        "Rejected features a file may have before its layer fails: a count (25), a share of its records (2%), both (0.5%,10: the larger applies), or unlimited",
        RejectBudget.DefaultText,
        RejectBudget.Parse);

    public static readonly Option<RejectBudget> MaxRepairs = EnvOption.Parsed(
        "--max-repairs",
        "TIGER_MAX_REPAIRS",
        "Invalid features a file may have repaired before its layer fails, in the forms of --max-rejects",
        RejectBudget.DefaultText,
        text => RejectBudget.Parse(text, "repair budget"));

    public static readonly Option<string?> Connection = new("--connection")
    {
        Description = "PostgreSQL connection: a postgres:// or postgis:// URL, the app's JSON secret object, or a key=value string [default: DATABASE_URL, else the PG* variables]",
    };

    public static readonly Option<string?> LogFormat = EnvOption.Text("--log-format", "TIGER_LOG_FORMAT", "auto (JSON lines unless on a terminal), json or text", "auto");

    public static readonly Option<string?> Source = EnvOption.Text("--source", "TIGER_SOURCE", "census, an http(s):// mirror of Census's geo/tiger tree, s3://bucket/prefix, or a local folder", "census");

    public static readonly Option<string?> Cache = EnvOption.Text("--cache", "TIGER_CACHE", "s3://bucket/prefix read-through cache for downloads");

    public static readonly Option<bool> SkipMissing = EnvOption.Flag("--skip-missing", "TIGER_SKIP_MISSING", "Load what the source has when some expected files are missing, instead of failing the layer");

    public static readonly Option<string?> TempDir = EnvOption.Text("--temp-dir", "TIGER_TEMP_DIR", "Folder for downloads until they are loaded", Path.Combine(Path.GetTempPath(), "tigerimport"))
        .Checked(RunReport.TempFolderProblem);

    public static readonly Option<string?> UserAgent = EnvOption.Text("--user-agent", "TIGER_USER_AGENT", "HTTP User-Agent sent to Census", "tigerimport/1.0 (TIGER/Line to PostGIS loader)");

    public static readonly Option<int> MaxDownloads = EnvOption.Number("--max-downloads", "TIGER_MAX_DOWNLOADS", "Downloads at once (Census blocks many parallel requests)", 2,
        count => count is >= 1 and <= 16 ? null : $"--max-downloads (TIGER_MAX_DOWNLOADS) must be 1 to 16; got {count}.");

    public static readonly Option<int> LockWait = EnvOption.Number(
        "--lock-wait", "TIGER_LOCK_WAIT", "Seconds to wait for another run importing the same partitions (states) of a layer, then exit 5", (int)ImportOptions.DefaultLockWait.TotalSeconds,
        seconds => seconds >= 0 ? null : $"--lock-wait (TIGER_LOCK_WAIT) must be 0 or more seconds; got {seconds}.");

    public static readonly Option<string?> S3Endpoint = EnvOption.Text("--s3-endpoint", "AWS_ENDPOINT_URL_S3", "S3-compatible endpoint URL (default: AWS)");

    public static readonly Option<string?> Report = RunReport.Validated(EnvOption.Text("--report", "TIGER_REPORT", "Write the run's summary to this file as JSON (the document tiger_runs.summary holds)"));

    public static readonly Option<Guid?> Run = new("--run")
    {
        Description = "The run whose rejected features to list (a run id from tiger_runs) [default: the last import]",
        CustomParser = result =>
        {
            var text = result.Tokens[^1].Value;
            if (Guid.TryParse(text, out var id))
            {
                return id;
            }

            result.AddError($"--run '{text}' is not a run id: give the RunId of a run (a UUID such as 729eda5d-1b94-4229-92be-a7cc63af55d7, from tiger_runs or the log).");
            return null;
        },
    };

    public static readonly Option<string?> GeoJson = RunReport.Validated(new("--geojson")
    {
        Description = "Also write the rejected features to this file as a GeoJSON FeatureCollection (EPSG:4326), e.g. for QGIS",
    });

    public static readonly Option<bool> Force = EnvOption.Flag("--force", "TIGER_FORCE", "Load and publish partitions even when their files are unchanged since the last publish");

    public static readonly Option<int> MinShare = EnvOption.Number("--min-share", "TIGER_MIN_SHARE", "A new partition with fewer rows than this percent of the one it replaces is not published (a truncated file?)", 50,
        percent => percent is >= 0 and <= 100 ? null : $"--min-share (TIGER_MIN_SHARE) is a percentage from 0 to 100; got {percent}.");

    public static readonly Option<bool> AllowChange = EnvOption.Flag("--allow-change", "TIGER_ALLOW_CHANGE", "Publish a partition however much its keys, area or extent differ from the one it replaces");

    public static readonly Option<bool> AllowShrink = EnvOption.Flag("--allow-shrink", "TIGER_ALLOW_SHRINK", "Publish a partition however much smaller than the one it replaces");

    public static readonly Option<bool> AllowDrift = EnvOption.Flag("--allow-drift", "TIGER_ALLOW_DRIFT", "Publish a file whose fields drift from the published table's beyond a Census release's: published fields missing, more than 4 new columns, names Census does not write");

    public static readonly Option<int> KeepBackups = EnvOption.Number("--keep-backups", "TIGER_KEEP_BACKUPS", "Replaced versions kept for revert: 1 keeps the last, 0 drops it after the publish", 1,
        count => count is 0 or 1 ? null : $"--keep-backups (TIGER_KEEP_BACKUPS) must be 0 or 1 (the worker keeps at most the version the last publish replaced); got {count}.");

    public static readonly Option<int> Jobs = EnvOption.Number(
        "--jobs", "TIGER_JOBS", "Partitions (states) loaded at once, each on its own database connection; 2 keeps both cores of a 2-vCPU task busy", ImportOptions.DefaultJobs,
        count => count is >= 1 and <= 16 ? null : $"--jobs (TIGER_JOBS) must be 1 to 16; got {count}.");

    public static readonly Option<bool> Json = new("--json") { Description = "Print JSON instead of a table" };

    public static readonly Option<string?> Release = EnvOption.Text(
        "--release", "TIGER_RELEASE", "A special release of district plans to read CD, SLDU and SLDL from, e.g. TIGER_RD18 (its files load into the --year tables)");

    public static readonly Option<string?> PlanVersion = EnvOption.Text(
        "--plan-version", "TIGER_PLAN_VERSION", "Where a state's plan is offered in two versions (whole-block and split-block, or two congresses): the file name's version or token to take, e.g. sb or cd120");
}
