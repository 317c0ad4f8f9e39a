using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using TigerImport.Catalog;
using TigerImport.Database;
using TigerImport.Regions;

namespace TigerImport.Cli;

/// <summary>
/// <c>sync-regions</c>, and <c>import --sync-regions</c>: fills Coalition Builder's region table from the published
/// layers of a vintage and moves the app's stakeholders to the districts that cover them. A state refused for a missing
/// layer makes the run exit 3 after the others are committed.
/// </summary>
internal static class SyncRegionsCommand
{
    /// <summary>The TIGER/Line layers the app's region rows come from.</summary>
    public const string Layers = "STATE,COUNTY,CD,SLDU,SLDL";

    public static readonly Option<string?> RegionTable = EnvOption.Text("--region-table", "TIGER_REGION_TABLE", "The app's region table, or schema.table", Regions.RegionTable.Default);

    public static readonly Option<string?> Stale = EnvOption.Text(
        "--stale",
        "TIGER_REGION_STALE",
        "Region rows the vintage no longer has: retire (keep id and name, clear geom/coords/geojson so no point matches), keep (shapes still match points), or delete (stakeholders moved off first; cascades to children)",
        "retire");

    public static readonly Option<string?> StakeholderTable = EnvOption.Text(
        "--stakeholder-table",
        "TIGER_STAKEHOLDER_TABLE",
        "The app's stakeholder table whose five region keys follow the districts (schema.table), or none; a table that does not exist is skipped",
        Regions.StakeholderTable.Default);

    public static readonly Option<string?> Reassign = EnvOption.Text(
        "--reassign",
        "TIGER_REASSIGN",
        "Which stakeholders to test: changed (those a change of this sync can move, and those without a district) or all (every located one: repairs keys the app set wrong)",
        "changed");

    public static readonly Option<string?> DistrictYear = EnvOption.Text(
        "--district-year", "TIGER_DISTRICT_YEAR", "Read CD, SLDU and SLDL from this (newer) vintage; STATE and COUNTY stay --year's (default: --year)");

    public static readonly Option<string?> DistrictSchema = EnvOption.Text(
        "--district-schema", "TIGER_DISTRICT_SCHEMA", "Read CD, SLDU and SLDL from this schema, e.g. a special release imported on its own (default: --schema)")
        .Checked(Sql.SchemaProblem);

    public static readonly Option<bool> SyncRegions = EnvOption.Flag("--sync-regions", "TIGER_SYNC_REGIONS", "After a successful import, sync the app's region table from the vintage (see sync-regions)");

    /// <summary>The sync's options that import --sync-regions takes too.</summary>
    public static IEnumerable<Option> SharedOptions => [RegionTable, Stale, StakeholderTable, Reassign, DistrictYear, DistrictSchema];

    public static Command Create()
    {
        var command = new Command(
            "sync-regions",
            $"Upsert the app's region table from the published {Layers} layers of a vintage and move its stakeholders to the districts that cover them, in one transaction; row ids are kept.")
        {
            CliOptions.Year, CliOptions.States, CliOptions.Schema, CliOptions.Connection, CliOptions.LogFormat, CliOptions.Report, CliOptions.LockWait,
        };
        foreach (var option in SharedOptions)
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) => VerbRunner.RunAsync(parse, "sync-regions", _ => RequestFrom(parse), async (request, run) =>
        {
            ThrowIfRefused(await SyncAsync(run.DataSource, run.Logger, request with { SyncId = run.RunId }, parse.GetValue(CliOptions.Report), cancellationToken));
            return null;
        }, cancellationToken));
        return command;
    }

    /// <summary>Reads and validates every sync option once; the import verb calls it before importing.</summary>
    public static RegionSyncRequest RequestFrom(ParseResult parse)
    {
        var layers = ImportRequest.Parse(parse.GetValue(CliOptions.Year), Layers, parse.GetValue(CliOptions.States), null);
        return new RegionSyncRequest(
            layers.Year, layers.States, parse.GetValue(CliOptions.Schema)!, Regions.RegionTable.Parse(parse.GetValue(RegionTable)), RegionSyncRequest.ParseStale(parse.GetValue(Stale)))
        {
            Stakeholders = Regions.StakeholderTable.Parse(parse.GetValue(StakeholderTable)),
            Reassign = RegionSyncRequest.ParseReassign(parse.GetValue(Reassign)),
            DistrictYear = ParseDistrictYear(parse.GetValue(DistrictYear), layers.Year),
            DistrictSchema = parse.GetValue(DistrictSchema),
            LockWait = TimeSpan.FromSeconds(parse.GetValue(CliOptions.LockWait)),
        };
    }

    /// <summary>
    /// Runs the sync and writes <paramref name="reportPath"/> (<c>sync-regions --report</c>; the import's own report carries
    /// the summary instead). States refused for a missing layer do not throw here: see <see cref="ThrowIfRefused"/>.
    /// </summary>
    public static async Task<RegionSyncSummary> SyncAsync(Npgsql.NpgsqlDataSource dataSource, ILogger logger, RegionSyncRequest request, string? reportPath, CancellationToken cancellationToken)
    {
        var summary = await new RegionSync(dataSource, logger).SyncAsync(request, cancellationToken);
        if (reportPath is not null)
        {
            // Written to a temp file and renamed, as the import's report is.
            var partial = reportPath + ".partial";
            await using (var stream = File.Create(partial))
            {
                await JsonSerializer.SerializeAsync(stream, summary, RunJson.Options, cancellationToken);
            }

            File.Move(partial, reportPath, overwrite: true);
        }

        return summary;
    }

    /// <summary>Exit 3 (source) when a state was refused for a missing layer; the others were synced and committed.</summary>
    public static void ThrowIfRefused(RegionSyncSummary summary)
    {
        if (summary.Refused.Count > 0)
        {
            throw new TigerImportException(
                FailureKind.Source,
                $"{summary.Refused.Count} state(s) not synced (the others were): {string.Join(" | ", summary.Refused)}. Import the missing layers, then rerun sync-regions.");
        }
    }

    private static int? ParseDistrictYear(string? text, int year)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!int.TryParse(text, out var districtYear) || !TigerLayers.IsKnownYear(districtYear) || districtYear < year)
        {
            throw new TigerImportException(
                FailureKind.Usage, $"--district-year (TIGER_DISTRICT_YEAR) must be a TIGER/Line vintage from --year ({year}) to {TigerLayers.LastYear}; got '{text}'.");
        }

        return districtYear;
    }
}
