using TigerImport.Import;
using TigerImport.Operations.Revert;
using TigerImport.Samples.Vintage2024;
using TigerImport.Tests.Support;

namespace TigerImport.Tests.Publish;

[Collection(PostgisCollection.Name)]
public sealed class When_a_layer_is_published_again(PostgisServer postgis)
{
    [Fact]
    public async Task Dependent_views_and_grants_keep_working()
    {
        await using var db = postgis.CreateDataSource();
        using var folder = new TempFolder().WithSamples("tl_2024_35_place.zip", "tl_2024_72_place.zip");
        await TestImport.RunAsync(db, folder.Path, "views", 2024, "PLACE");

        // Roles are cluster-wide and outlive the test's database: a name of its own keeps reruns on one cluster apart.
        var reader = $"tiger_reader_{Guid.NewGuid():N}"[..24];
        await TestImport.ExecuteAsync(db, $"""
            CREATE VIEW views.place_names AS SELECT geoid, name FROM views.place_2024;
            CREATE ROLE {reader}; GRANT {reader} TO current_user;
            GRANT USAGE ON SCHEMA views TO {reader};
            GRANT SELECT ON views.place_2024, views.place_names TO {reader};
            """);

        var summary = await TestImport.RunAsync(db, folder.Path, "views", 2024, "PLACE", force: true);

        Assert.Equal(LayerOutcome.Published, Assert.Single(summary.Layers).Outcome);
        Assert.Equal(10L, await TestImport.ScalarAsync<long>(db, "SELECT count(*) FROM views.place_names"));
        Assert.True(await TestImport.ScalarAsync<bool>(db, $"SELECT has_table_privilege('{reader}', 'views.place_2024', 'SELECT')"));
        Assert.Equal(10L, await TestImport.ScalarAsync<long>(db, $"""
            SET ROLE {reader}; SELECT count(*) FROM views.place_names;
            """));
        await TestImport.ExecuteAsync(db, $"RESET ROLE; DROP OWNED BY {reader}; DROP ROLE {reader}");
    }

    [Fact]
    public async Task Reimporting_one_state_replaces_exactly_its_rows()
    {
        await using var db = postgis.CreateDataSource();
        using var folder = new TempFolder().WithSamples("tl_2024_35_place.zip", "tl_2024_72_place.zip");
        await TestImport.RunAsync(db, folder.Path, "onestate", 2024, "PLACE");
        const string newMexicoRows = "SELECT md5(string_agg(t::text, '|' ORDER BY geoid)) FROM onestate.place_2024 t WHERE tiger_scope = '35'";
        var newMexicoBefore = await TestImport.ScalarAsync<string>(db, newMexicoRows);
        var newMexicoTable = await TestImport.ScalarAsync<uint>(db, "SELECT 'onestate.place_2024_p35'::regclass::oid");

        // Puerto Rico again, with one place fewer: its partition must hold exactly the new file's rows.
        var puertoRico = PlaceSamples.PuertoRico();
        folder.Write(puertoRico with { Features = puertoRico.Features.Skip(1).ToList() });
        var summary = await TestImport.RunAsync(db, folder.Path, "onestate", 2024, "PLACE", states: "PR");

        Assert.Equal(LayerOutcome.Published, Assert.Single(summary.Layers).Outcome);
        Assert.Equal(puertoRico.Features.Count - 1L, await TestImport.ScalarAsync<long>(db, "SELECT count(*) FROM onestate.place_2024 WHERE statefp = '72'"));
        Assert.Equal(newMexicoBefore, await TestImport.ScalarAsync<string>(db, newMexicoRows));
        Assert.Equal(newMexicoTable, await TestImport.ScalarAsync<uint>(db, "SELECT 'onestate.place_2024_p35'::regclass::oid"));
    }

    [Fact]
    public async Task Revert_restores_the_previous_version_and_a_second_revert_undoes_it()
    {
        await using var db = postgis.CreateDataSource();
        using var folder = new TempFolder().WithSamples("tl_2024_72_place.zip");
        await TestImport.RunAsync(db, folder.Path, "revert", 2024, "PLACE");
        var puertoRico = PlaceSamples.PuertoRico();
        folder.Write(puertoRico with { Features = puertoRico.Features.Take(1).ToList() });
        await TestImport.RunAsync(db, folder.Path, "revert", 2024, "PLACE", allowShrink: true);
        Assert.Equal(1L, await TestImport.ScalarAsync<long>(db, "SELECT count(*) FROM revert.place_2024"));

        var reverter = new Reverter(db, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        var request = TigerImport.Catalog.ImportRequest.Parse("2024", "PLACE", null, null);
        await reverter.RevertAsync(Guid.NewGuid(), request, new ImportOptions("revert"), TestContext.Current.CancellationToken);
        Assert.Equal((long)puertoRico.Features.Count, await TestImport.ScalarAsync<long>(db, "SELECT count(*) FROM revert.place_2024"));

        await reverter.RevertAsync(Guid.NewGuid(), request, new ImportOptions("revert"), TestContext.Current.CancellationToken);
        Assert.Equal(1L, await TestImport.ScalarAsync<long>(db, "SELECT count(*) FROM revert.place_2024"));
        Assert.Equal(1L, await TestImport.ScalarAsync<long>(db, "SELECT features FROM revert.tiger_partitions WHERE table_name = 'place_2024' AND slot = 'published'"));
    }

    [Fact]
    public async Task A_file_that_fails_leaves_the_published_layer_as_it_was()
    {
        await using var db = postgis.CreateDataSource();
        using var folder = new TempFolder().WithSamples("tl_2024_35_place.zip", "tl_2024_72_place.zip");
        await TestImport.RunAsync(db, folder.Path, "failing", 2024, "PLACE");
        const string allRows = "SELECT md5(string_agg(t::text, '|' ORDER BY geoid)) FROM failing.place_2024 t";
        var before = await TestImport.ScalarAsync<string>(db, allRows);

        // Puerto Rico's zip cut in half: New Mexico loads, Puerto Rico fails, so nothing of the layer may change.
        var path = Path.Combine(folder.Path, "tl_2024_72_place.zip");
        var bytes = await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken);
        await File.WriteAllBytesAsync(path, bytes[..(bytes.Length / 2)], TestContext.Current.CancellationToken);
        var summary = await TestImport.RunAsync(db, folder.Path, "failing", 2024, "PLACE");

        var layer = Assert.Single(summary.Layers);
        Assert.Equal(LayerOutcome.Failed, layer.Outcome);
        Assert.Equal(FailureKind.Data, layer.Failure);
        Assert.Contains("tl_2024_72_place.zip", layer.Error);
        Assert.Equal(before, await TestImport.ScalarAsync<string>(db, allRows));
        Assert.Equal(0L, await TestImport.ScalarAsync<long>(db, "SELECT count(*) FROM pg_tables WHERE schemaname = 'failing_staging'"));
    }

    [Fact]
    public async Task A_corrupted_member_fails_the_layer_with_a_data_error_naming_the_file()
    {
        await using var db = postgis.CreateDataSource();
        using var folder = new TempFolder().WithSamples("tl_2024_35013_edges.zip");
        var path = Path.Combine(folder.Path, "tl_2024_35013_edges.zip");
        var bytes = await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken);
        bytes[bytes.Length / 3] ^= 0x5A;
        await File.WriteAllBytesAsync(path, bytes, TestContext.Current.CancellationToken);

        var layer = Assert.Single((await TestImport.RunAsync(db, folder.Path, "corrupt", 2024, "EDGES")).Layers);

        Assert.Equal(LayerOutcome.Failed, layer.Outcome);
        Assert.Equal(FailureKind.Data, layer.Failure);
        Assert.Contains("tl_2024_35013_edges.zip", layer.Error);
        Assert.True(await TestImport.ScalarAsync<bool>(db, "SELECT to_regclass('corrupt.edges_2024') IS NULL"), "a first import that failed must not publish an empty table");
    }

    [Fact]
    public async Task A_new_field_reaches_the_published_table_only_when_published_and_revert_still_works()
    {
        await using var db = postgis.CreateDataSource();
        using var folder = new TempFolder().WithSamples("tl_2024_72_place.zip");
        await TestImport.RunAsync(db, folder.Path, "drift", 2024, "PLACE");
        await TestImport.ExecuteAsync(db, "CREATE VIEW drift.place_view AS SELECT geoid, name FROM drift.place_2024");

        // The next release of the file has a field more (as GEOIDFQ appeared in 2023).
        var puertoRico = PlaceSamples.PuertoRico();
        folder.Write(puertoRico with
        {
            Fields = [.. puertoRico.Fields, TigerImport.Samples.TigerField.Text("NEWFIELD", 4)],
            Features = puertoRico.Features.Select(f => f with { Values = [.. f.Values, "x"] }).ToList(),
        });
        await TestImport.RunAsync(db, folder.Path, "drift", 2024, "PLACE");

        Assert.Equal((long)puertoRico.Features.Count, await TestImport.ScalarAsync<long>(db, "SELECT count(*) FROM drift.place_2024 WHERE newfield = 'x'"));
        Assert.Equal((long)puertoRico.Features.Count, await TestImport.ScalarAsync<long>(db, "SELECT count(*) FROM drift.place_view"));

        var reverter = new Reverter(db, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        await reverter.RevertAsync(Guid.NewGuid(), TigerImport.Catalog.ImportRequest.Parse("2024", "PLACE", null, null), new ImportOptions("drift"), TestContext.Current.CancellationToken);
        Assert.False(await TestImport.ScalarAsync<bool>(db, "SELECT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = 'drift' AND table_name = 'place_2024' AND column_name = 'newfield')"), "the revert restores the columns too");
        Assert.Equal((long)puertoRico.Features.Count, await TestImport.ScalarAsync<long>(db, "SELECT count(*) FROM drift.place_view"));
        Assert.Equal((long)puertoRico.Features.Count, await TestImport.ScalarAsync<long>(db, "SELECT count(*) FROM drift.place_2024"));
    }

    [Fact]
    public async Task Reimporting_some_counties_keeps_the_other_counties_of_the_state()
    {
        await using var db = postgis.CreateDataSource();
        using var folder = new TempFolder().WithSamples("tl_2024_35013_edges.zip");
        var edges = TigerImport.Samples.Vintage2024.SampleSet2024.All.Single(s => s.BaseName == "tl_2024_35013_edges");
        var countyField = edges.Fields.Select(f => f.Name).ToList().IndexOf("COUNTYFP");
        var tlidField = edges.Fields.Select(f => f.Name).ToList().IndexOf("TLID");

        // Another county's edges: TLIDs are unique nationwide, so the copy gets its own.
        folder.Write(edges with
        {
            BaseName = "tl_2024_35001_edges",
            Features = edges.Features.Select(f => f with
            {
                Values = f.Values.Select((v, i) => i == countyField ? "001" : i == tlidField ? (object?)((long)v! + 1_000_000) : v).ToList(),
            }).ToList(),
        });
        await TestImport.RunAsync(db, folder.Path, "counties", 2024, "EDGES", states: "NM");
        const string otherCounty = "SELECT md5(string_agg(t::text, '|' ORDER BY tlid)) FROM counties.edges_2024 t WHERE tiger_scope = '35001'";
        var before = await TestImport.ScalarAsync<string>(db, otherCounty);

        folder.Write(edges with { Features = edges.Features.Take(3).ToList() });
        var layer = Assert.Single((await TestImport.RunAsync(db, folder.Path, "counties", 2024, "EDGES", counties: "35013", allowShrink: true)).Layers);

        Assert.Equal(LayerOutcome.Published, layer.Outcome);
        Assert.Equal(3L, await TestImport.ScalarAsync<long>(db, "SELECT count(*) FROM counties.edges_2024 WHERE tiger_scope = '35013'"));
        Assert.Equal(before, await TestImport.ScalarAsync<string>(db, otherCounty));
        Assert.Equal((long)edges.Features.Count, await TestImport.ScalarAsync<long>(db, "SELECT count(*) FROM counties.edges_2024 WHERE tiger_scope = '35001'"));
    }
}
