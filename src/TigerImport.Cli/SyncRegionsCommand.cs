using System.CommandLine;
using Microsoft.Extensions.Logging;
using TigerImport.Catalog;
using TigerImport.Regions;

namespace TigerImport.Cli;

/// <summary>
/// <c>sync-regions</c>, and <c>import --sync-regions</c>: fills Coalition Builder's region table from the published
/// layers of a vintage. A state refused for a missing layer makes the run exit 3 after the others are committed.
/// </summary>
internal static class SyncRegionsCommand
{
    /// <summary>The TIGER/Line layers the app's region rows come from.</summary>
    public const string Layers = "STATE,COUNTY,CD,SLDU,SLDL";

    public static readonly Option<string?> RegionTable = EnvOption.Text("--region-table", "TIGER_REGION_TABLE", "The app's region table, or schema.table", Regions.RegionTable.Default);

    public static readonly Option<string?> Stale = EnvOption.Text("--stale", "TIGER_REGION_STALE", "Region rows the vintage no longer has: keep (and report) or delete (cascades to children via parent_id)", "keep");

    public static readonly Option<bool> SyncRegions = EnvOption.Flag("--sync-regions", "TIGER_SYNC_REGIONS", "After a successful import, sync the app's region table from the vintage (see sync-regions)");

    public static Command Create()
    {
        var command = new Command("sync-regions", $"Upsert the app's region table from the published {Layers} layers of a vintage, in one transaction; row ids are kept.")
        {
            CliOptions.Year, CliOptions.States, CliOptions.Schema, RegionTable, Stale, CliOptions.Connection, CliOptions.LogFormat, CliOptions.LockWait,
        };
        command.SetAction((parse, cancellationToken) => VerbRunner.RunAsync(parse, "sync-regions", () => RequestFrom(parse), async (request, run) =>
        {
            await SyncAsync(run.DataSource, run.Logger, request, cancellationToken);
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
            LockWait = TimeSpan.FromSeconds(parse.GetValue(CliOptions.LockWait)),
        };
    }

    public static async Task SyncAsync(Npgsql.NpgsqlDataSource dataSource, ILogger logger, RegionSyncRequest request, CancellationToken cancellationToken)
    {
        var summary = await new RegionSync(dataSource, logger).SyncAsync(request, cancellationToken);
        if (summary.Refused.Count > 0)
        {
            throw new TigerImportException(
                FailureKind.Source,
                $"{summary.Refused.Count} state(s) not synced (the others were): {string.Join(" | ", summary.Refused)}. Import the missing layers, then rerun sync-regions.");
        }
    }
}
