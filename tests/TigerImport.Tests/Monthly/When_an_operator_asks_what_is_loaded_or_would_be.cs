using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using TigerImport.Catalog;
using TigerImport.Import;
using TigerImport.Operations.Plan;
using TigerImport.Operations.Prune;
using TigerImport.Operations.Revert;
using TigerImport.Operations.Status;
using TigerImport.Samples.Vintage2024;
using TigerImport.Sources.Folder;
using TigerImport.Tests.Support;

namespace TigerImport.Tests.Monthly;

/// <summary>The operator's verbs: plan writes nothing and says why; status is what the database holds; backups can be pruned.</summary>
[Collection(PostgisCollection.Name)]
public sealed class When_an_operator_asks_what_is_loaded_or_would_be(PostgisServer postgis)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Plan_says_new_changed_and_unchanged_and_writes_nothing()
    {
        await using var db = postgis.CreateDataSource();
        using var folder = new TempFolder().WithSamples("tl_2024_35_place.zip", "tl_2024_72_place.zip");
        var catalogBefore = await CatalogAsync(db, "planned");

        var fresh = await PreviewAsync(db, folder, "planned");

        Assert.Equal(catalogBefore, await CatalogAsync(db, "planned"));
        Assert.All(Assert.Single(fresh).Partitions, p => Assert.Equal(PartitionChange.New, p.Change));

        await TestImport.RunAsync(db, folder.Path, "planned", 2024, "PLACE");
        var puertoRico = PlaceSamples.PuertoRico();
        folder.Write(puertoRico with { Features = puertoRico.Features.Take(3).ToList() });
        var catalogPublished = await CatalogAsync(db, "planned");

        var preview = Assert.Single(await PreviewAsync(db, folder, "planned"));

        Assert.Equal(catalogPublished, await CatalogAsync(db, "planned"));
        Assert.Equal(PartitionChange.Unchanged, preview.Partitions.Single(p => p.Part == "35").Change);
        var changed = preview.Partitions.Single(p => p.Part == "72");
        Assert.Equal(PartitionChange.Changed, changed.Change);
        Assert.Contains("tl_2024_72_place.zip changed", changed.Reason);
    }

    [Fact]
    public async Task Status_matches_the_database_and_pruning_drops_backups_that_revert_would_use()
    {
        await using var db = postgis.CreateDataSource();
        using var folder = new TempFolder().WithSamples("tl_2024_35_place.zip", "tl_2024_72_place.zip");
        await TestImport.RunAsync(db, folder.Path, "statused", 2024, "PLACE");
        var republished = await TestImport.RunAsync(db, folder.Path, "statused", 2024, "PLACE", force: true);

        var layer = Assert.Single(await new StatusReader(db).ReadAsync("statused", 2024, null, Cancellation));

        Assert.Equal(("PLACE", 2024, "statused.place_2024"), (layer.Layer, layer.Year, layer.Table));
        Assert.Equal(await TestImport.ScalarAsync<long>(db, "SELECT count(*) FROM statused.place_2024"), layer.Rows);
        foreach (var partition in layer.Partitions)
        {
            Assert.Equal(await TestImport.ScalarAsync<long>(db, $"SELECT count(*) FROM statused.place_2024 WHERE tiger_scope = '{partition.Part}'"), partition.Rows);
            Assert.Equal(
                await TestImport.ScalarAsync<long>(db, $"SELECT count(*) FROM statused.tiger_rejects WHERE run_id = '{republished.RunId}' AND file_name = 'tl_2024_{partition.Part}_place.zip'"),
                partition.Rejected);
            Assert.Equal(republished.RunId, partition.RunId);
            Assert.True(partition.HasBackup);
        }

        Assert.Equal([folder.Path], layer.Sources);
        Assert.Empty(await new StatusReader(db).ReadAsync("statused", 2023, null, Cancellation));

        var request = ImportRequest.Parse("2024", "PLACE", "PR", null);
        var pruned = await new BackupPruneRunner(db, NullLogger.Instance).PruneAsync(Guid.NewGuid(), request, new ImportOptions("statused"), Cancellation);

        Assert.Equal(["72"], Assert.Single(pruned).Parts);
        Assert.True(await TestImport.ScalarAsync<bool>(db, "SELECT to_regclass('statused_backup.place_2024_p72') IS NULL"));
        Assert.True(await TestImport.ScalarAsync<bool>(db, "SELECT to_regclass('statused_backup.place_2024_p35') IS NOT NULL"));
        var after = Assert.Single(await new StatusReader(db).ReadAsync("statused", null, [TestSources.Layer("PLACE")], Cancellation));
        Assert.Equal(["35"], after.Partitions.Where(p => p.HasBackup).Select(p => p.Part));
        var revert = await Assert.ThrowsAsync<TigerImportException>(() => new Reverter(db, NullLogger.Instance).RevertAsync(Guid.NewGuid(), request, new ImportOptions("statused"), Cancellation));
        Assert.Equal(FailureKind.Usage, revert.Kind);
    }

    [Fact]
    public async Task Keep_backups_0_drops_the_replaced_version_at_publish()
    {
        await using var db = postgis.CreateDataSource();
        using var folder = new TempFolder().WithSamples("tl_2024_72_place.zip");
        await TestImport.RunAsync(db, folder.Path, "nobackup", 2024, "PLACE");
        var runner = new ImportRunner(db, new LocalFolderSource(folder.Path), NullLogger.Instance);

        var summary = await runner.ImportAsync(
            Guid.NewGuid(), ImportRequest.Parse("2024", "PLACE", null, null), new ImportOptions("nobackup") { Force = true, KeepBackups = 0 }, Cancellation);

        Assert.Equal(LayerOutcome.Published, Assert.Single(summary.Layers).Outcome);
        Assert.Equal(0L, await TestImport.ScalarAsync<long>(db, "SELECT count(*) FROM pg_tables WHERE schemaname = 'nobackup_backup'"));
        Assert.Equal(0L, await TestImport.ScalarAsync<long>(db, "SELECT count(*) FROM nobackup.tiger_partitions WHERE slot = 'backup'"));
    }

    [Fact]
    public async Task The_verbs_on_the_command_line_print_status_as_JSON_and_an_up_to_date_plan()
    {
        await using var db = postgis.CreateDataSource();
        using var folder = new TempFolder().WithSamples("tl_2024_35_place.zip", "tl_2024_72_place.zip");
        string[] options = ["--source", folder.Path, "--year", "2024", "--layers", "PLACE", "--schema", "verbs"];
        Assert.Equal(0, (await CliProcess.RunAsync(postgis.Url, ["import", .. options])).ExitCode);

        var (planExit, plan) = await CliProcess.RunAsync(postgis.Url, ["plan", .. options]);
        var (statusExit, status) = await CliProcess.RunAsync(postgis.Url, "status", "--schema", "verbs", "--json");
        var (pruneExit, prune) = await CliProcess.RunAsync(postgis.Url, "prune-backups", "--year", "2024", "--layers", "PLACE", "--schema", "verbs");

        Assert.True(planExit == 0, plan);
        Assert.Contains("Up to date: an import would download, load and publish nothing (exit 0).", plan);
        Assert.True(statusExit == 0, status);
        var document = JsonDocument.Parse(status.Split('\n').Single(line => line.StartsWith("{\"layers\"", StringComparison.Ordinal)));
        var place = Assert.Single(document.RootElement.GetProperty("layers").EnumerateArray());
        Assert.Equal(await TestImport.ScalarAsync<long>(db, "SELECT count(*) FROM verbs.place_2024"), place.GetProperty("rows").GetInt64());
        Assert.Equal(2, place.GetProperty("partitions").GetArrayLength());
        Assert.True(pruneExit == 0, prune);
        Assert.Equal(
            "import:0,prune-backups:0",
            await TestImport.ScalarAsync<string>(db, "SELECT string_agg(command || ':' || exit_code, ',' ORDER BY started_at) FROM verbs.tiger_runs"));
    }

    [Fact]
    public async Task A_plan_for_a_year_the_source_lacks_says_the_import_would_fail_not_up_to_date()
    {
        using var folder = new TempFolder().WithSamples("tl_2024_35_place.zip");

        var (planExit, plan) = await CliProcess.RunAsync(postgis.Url, "plan", "--source", folder.Path, "--year", "2023", "--layers", "PLACE", "--schema", "verbs_lacking");

        Assert.True(planExit == 0, plan);
        Assert.Contains("An import would exit 3: PLACE 2023: ", plan);
        Assert.Contains("holds no file for PLACE 2023", plan.ReplaceLineEndings(" "));
        Assert.DoesNotContain("Up to date", plan);
    }

    private static async Task<IReadOnlyList<LayerPreview>> PreviewAsync(NpgsqlDataSource db, TempFolder folder, string schema) =>
        (await new ImportPreview(db, new LocalFolderSource(folder.Path), NullLogger.Instance)
            .PreviewAsync(ImportRequest.Parse("2024", "PLACE", null, null), new ImportOptions(schema), Cancellation)).Layers;

    /// <summary>The schemas' tables and the journal and bookkeeping rows: what a verb that writes nothing must leave as it was.</summary>
    private static async Task<string> CatalogAsync(NpgsqlDataSource db, string schema)
    {
        var catalog = await TestImport.ScalarAsync<string>(db, $"""
            SELECT count(*) || ':' || coalesce(string_agg(n.nspname || '.' || coalesce(c.relname, '-'), ',' ORDER BY n.nspname, c.relname), '')
            FROM pg_namespace n LEFT JOIN pg_class c ON c.relnamespace = n.oid WHERE n.nspname LIKE '{schema}%'
            """);
        foreach (var table in new[] { "tiger_runs", "tiger_partitions", "tiger_rejects" })
        {
            if (await TestImport.ScalarAsync<bool>(db, $"SELECT to_regclass('{schema}.{table}') IS NOT NULL"))
            {
                catalog += "|" + await TableChecksum.OfAsync(db, $"{schema}.{table}");
            }
        }

        return catalog;
    }
}
