using TigerImport.Import;
using TigerImport.Samples;
using TigerImport.Samples.Vintage2024;
using TigerImport.Tests.Support;

namespace TigerImport.Tests.Monthly;

/// <summary>Each gate before publish fails the layer with a data error naming it, and leaves the published table byte-identical.</summary>
[Collection(PostgisCollection.Name)]
public sealed class When_a_staged_partition_fails_a_quality_gate(PostgisServer postgis)
{
    [Theory]
    [InlineData("unique-key")]
    [InlineData("non-empty")]
    [InlineData("min-share")]
    public async Task The_layer_fails_with_a_data_error_naming_the_gate_and_the_published_table_is_unchanged(string gate)
    {
        await using var db = postgis.CreateDataSource();
        var schema = "gate_" + gate.Replace('-', '_');
        using var folder = new TempFolder().WithSamples("tl_2024_35_place.zip", "tl_2024_72_place.zip");
        Assert.Equal(LayerOutcome.Published, Assert.Single((await TestImport.RunAsync(db, folder.Path, schema, 2024, "PLACE")).Layers).Outcome);
        var published = await TableChecksum.OfAsync(db, $"{schema}.place_2024");
        var bookkeeping = await TableChecksum.OfAsync(db, $"{schema}.tiger_partitions");

        var puertoRico = PlaceSamples.PuertoRico();
        folder.Write(gate switch
        {
            "unique-key" => puertoRico with { Features = [.. puertoRico.Features, puertoRico.Features[1]] },
            "non-empty" => puertoRico with { Features = [] },
            _ => puertoRico with { Features = puertoRico.Features.Take(1).ToList() },
        });
        var layer = Assert.Single((await TestImport.RunAsync(db, folder.Path, schema, 2024, "PLACE")).Layers);

        Assert.Equal(LayerOutcome.Failed, layer.Outcome);
        Assert.Equal(FailureKind.Data, layer.Failure);
        Assert.Contains($"quality gate '{gate}' failed for {schema}.place_2024 partition 72", layer.Error);
        Assert.Equal(published, await TableChecksum.OfAsync(db, $"{schema}.place_2024"));
        Assert.Equal(bookkeeping, await TableChecksum.OfAsync(db, $"{schema}.tiger_partitions"));
        Assert.Equal(0L, await TestImport.ScalarAsync<long>(db, $"SELECT count(*) FROM pg_tables WHERE schemaname = '{schema}_staging'"));
    }

    [Fact]
    public async Task A_smaller_partition_is_published_with_allow_shrink_or_a_lower_min_share()
    {
        await using var db = postgis.CreateDataSource();
        using var folder = new TempFolder().WithSamples("tl_2024_72_place.zip");
        await TestImport.RunAsync(db, folder.Path, "shrink", 2024, "PLACE");
        var puertoRico = PlaceSamples.PuertoRico();
        folder.Write(puertoRico with { Features = puertoRico.Features.Take(2).ToList() });

        var runner = new ImportRunner(db, new TigerImport.Sources.Folder.LocalFolderSource(folder.Path), Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        var summary = await runner.ImportAsync(
            Guid.NewGuid(), TigerImport.Catalog.ImportRequest.Parse("2024", "PLACE", null, null), new ImportOptions("shrink") { MinSharePercent = 50 }, TestContext.Current.CancellationToken);
        Assert.Equal(LayerOutcome.Published, Assert.Single(summary.Layers).Outcome); // 2 of 4 is 50%: allowed

        folder.Write(puertoRico with { Features = puertoRico.Features.Take(1).ToList() });
        var shrunk = await TestImport.RunAsync(db, folder.Path, "shrink", 2024, "PLACE", allowShrink: true);
        Assert.Equal(LayerOutcome.Published, Assert.Single(shrunk.Layers).Outcome);
        Assert.Equal(1L, await TestImport.ScalarAsync<long>(db, "SELECT count(*) FROM shrink.place_2024"));
    }

    [Fact]
    public async Task Schema_drift_between_files_is_refused_unless_allowed_and_then_loaded_and_reported()
    {
        await using var db = postgis.CreateDataSource();
        using var folder = new TempFolder().WithSamples("tl_2024_35013_edges.zip");
        await TestImport.RunAsync(db, folder.Path, "drifting", 2024, "EDGES");

        // Another county of the state, from a release with a field more (as GEOIDFQ appeared in 2023).
        var edges = SampleSet2024.All.Single(s => s.BaseName == "tl_2024_35013_edges");
        var names = edges.Fields.Select(f => f.Name).ToList();
        folder.Write(edges with
        {
            BaseName = "tl_2024_35001_edges",
            Fields = [.. edges.Fields, TigerField.Text("NEWFIELD", 4)],
            Features = edges.Features.Select(f => f with
            {
                Values = [.. f.Values.Select((v, i) => i == names.IndexOf("COUNTYFP") ? "001" : i == names.IndexOf("TLID") ? (object?)((long)v! + 1_000_000) : v), "x"],
            }).ToList(),
        });
        // Census publishes one field set per layer and vintage: files of one run that differ are refused (field-set)…
        var refused = Assert.Single((await TestImport.RunAsync(db, folder.Path, "drifting", 2024, "EDGES")).Layers);
        Assert.NotEqual(LayerOutcome.Published, refused.Outcome);
        Assert.Contains("plausibility gate 'field-set' failed: its .dbf has field(s) NEWFIELD", refused.Error, StringComparison.Ordinal);
        Assert.Equal(0L, await TestImport.ScalarAsync<long>(db, "SELECT count(*) FROM information_schema.columns WHERE table_schema = 'drifting' AND table_name = 'edges_2024' AND column_name = 'newfield'"));

        // …unless the operator allows the drift: then it is loaded and reported.
        var layer = Assert.Single((await TestImport.RunAsync(db, folder.Path, "drifting", 2024, "EDGES", allowDrift: true)).Layers);

        Assert.True(layer.Outcome == LayerOutcome.Published, layer.Error);
        Assert.Contains(layer.Drift, d => d.Contains("tl_2024_35013_edges.zip lacks column(s) newfield of partition 35", StringComparison.Ordinal));
        Assert.Contains(layer.Drift, d => d.Contains("new column(s) newfield added to drifting.edges_2024", StringComparison.Ordinal));
        Assert.Equal((long)edges.Features.Count, await TestImport.ScalarAsync<long>(db, "SELECT count(newfield) FROM drifting.edges_2024"));
        Assert.Contains("newfield", await TestImport.ScalarAsync<string>(db, "SELECT summary::text FROM drifting.tiger_runs ORDER BY started_at DESC LIMIT 1"));
    }
}
