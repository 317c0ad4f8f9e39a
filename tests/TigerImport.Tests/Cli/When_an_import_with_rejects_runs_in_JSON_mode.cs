using System.Text.Json;
using System.Text.Json.Nodes;
using TigerImport.Tests.Support;

namespace TigerImport.Tests.Cli;

/// <summary>What a run leaves for schedulers, CloudWatch and GIS users: the --report file, EMF log lines, the rejects as GeoJSON.</summary>
[Collection(PostgisCollection.Name)]
public sealed class When_an_import_with_rejects_runs_in_JSON_mode(PostgisServer postgis)
{
    private const string Layers = "STATE,SLDU,PLACE";

    [Fact]
    public async Task The_report_is_the_journal_summary_in_camelCase_with_outcome_names()
    {
        using var folder = new TempFolder();
        var report = Path.Combine(folder.Path, "report.json");
        var (exitCode, output) = await ImportAsync("report", "--report", report);

        Assert.True(exitCode == 0, output);
        var written = JsonNode.Parse(await File.ReadAllTextAsync(report, TestContext.Current.CancellationToken))!;
        await using var db = postgis.CreateDataSource();
        var journal = JsonNode.Parse(await TestImport.ScalarAsync<string>(db, "SELECT summary::text FROM report.tiger_runs WHERE command = 'import'"))!;
        Assert.True(JsonNode.DeepEquals(written, journal), $"report {written.ToJsonString()}\njournal {journal.ToJsonString()}");
        var layers = written["layers"]!.AsArray();
        Assert.Equal(["STATE", "SLDU", "PLACE"], layers.Select(l => l!["layer"]!.GetValue<string>()));
        Assert.All(layers, l => Assert.Equal("Published", l!["outcome"]!.GetValue<string>()));
        Assert.Equal(1, layers[1]!["rejected"]!.GetValue<int>());
        Assert.DoesNotContain(KeysOf(written), k => !char.IsLower(k[0]));
        Assert.Contains("\"year\"", await TestImport.ScalarAsync<string>(db, "SELECT request::text FROM report.tiger_runs WHERE command = 'import'"));
    }

    [Fact]
    public async Task A_report_into_a_missing_folder_is_a_usage_error() =>
        Assert.Equal(2, (await ImportAsync("noreport", "--report", "/nonexistent-folder/report.json")).ExitCode);

    [Fact]
    public async Task Each_layer_and_the_run_end_with_an_EMF_record()
    {
        var (exitCode, output) = await ImportAsync("emf");

        Assert.True(exitCode == 0, output);
        var records = Lines(output).Where(l => l.ContainsKey("_aws")).ToList();
        Assert.Equal(["STATE", "SLDU", "PLACE", null], records.Select(r => (string?)r["Layer"]));
        var environment = Environment.GetEnvironmentVariable("TIGER_ENVIRONMENT") is { Length: > 0 } set ? set : "local";
        foreach (var record in records)
        {
            AssertEmf(record);
            Assert.Equal(environment, record["Environment"]!.GetValue<string>());
        }

        Assert.Equal(1, records[1]["Rejected"]!.GetValue<long>());
        Assert.Equal("import", records[^1]["Command"]!.GetValue<string>());
        Assert.Equal(records.Take(3).Sum(r => r["RowsLoaded"]!.GetValue<long>()), records[^1]["RowsLoaded"]!.GetValue<long>());
        Assert.Equal(0, records[^1]["Failed"]!.GetValue<long>());
    }

    [Fact]
    public async Task Messages_quote_nothing_and_summaries_end_cleanly()
    {
        var (exitCode, output) = await ImportAsync("messages");

        Assert.True(exitCode == 0, output);
        var messages = Lines(output).Select(l => l["@m"]!.GetValue<string>()).ToList();
        Assert.Contains(messages, m => m.StartsWith("tigerimport import run ", StringComparison.Ordinal));
        Assert.DoesNotContain(messages, m => m.Contains('"'));
        Assert.Contains(messages, m => m.StartsWith("Summary SLDU 2024 messages.sldu_2024: Published;", StringComparison.Ordinal));
        Assert.DoesNotContain(messages, m => m.TrimEnd().EndsWith('.') && m.StartsWith("Summary", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_rejects_verb_lists_the_last_run_and_writes_GeoJSON_that_ogrinfo_opens()
    {
        Assert.SkipUnless(ExternalTool.IsInstalled("ogrinfo"), "ogrinfo (gdal-bin) is not installed; scripts/install-deps.sh gdal installs it.");
        Assert.Equal(0, (await ImportAsync("rejects")).ExitCode);
        await using var db = postgis.CreateDataSource();
        // A reject whose geometry could not be read at all is stored with a NULL geometry: GeoJSON's "geometry": null.
        await TestImport.ExecuteAsync(db, """
            INSERT INTO rejects.tiger_rejects (run_id, table_name, file_name, record_number, reason, geom, attributes)
            SELECT run_id, 'place_2024', 'tl_2024_35_place.zip', 99, 'unreadable shape', NULL, '{"geoid": "3599999"}'
            FROM rejects.tiger_runs WHERE command = 'import'
            """);
        using var folder = new TempFolder();
        var geojson = Path.Combine(folder.Path, "rejects.geojson");

        var (exitCode, listing) = await CliProcess.RunAsync(postgis.Url, "rejects", "--schema", "rejects", "--geojson", geojson);

        Assert.True(exitCode == 0, listing);
        Assert.Contains("tl_2024_35_sldu.zip  record 4  sldu_2024: empty geometry", listing);
        Assert.Contains("tl_2024_35_place.zip  record 99  place_2024: unreadable shape", listing);
        var features = JsonNode.Parse(await File.ReadAllTextAsync(geojson, TestContext.Current.CancellationToken))!["features"]!.AsArray();
        Assert.Equal(2, features.Count);
        Assert.Equal("MultiPolygon", features[1]!["geometry"]!["type"]!.GetValue<string>());
        Assert.Null(features[0]!["geometry"]);
        Assert.Equal("35037", features[1]!["properties"]!["attributes"]!["geoid"]!.GetValue<string>());

        var (ogrExit, ogr) = await ExternalTool.RunAsync("ogrinfo", ["-ro", "-al", "-so", geojson]);
        Assert.True(ogrExit == 0, ogr);
        Assert.Contains("Feature Count: 2", ogr);
        Assert.Contains("reason: String", ogr);
        Assert.Contains("record: Integer", ogr);
    }

    [Fact]
    public async Task Rejects_of_a_schema_without_runs_is_a_usage_error() =>
        Assert.Equal(2, (await CliProcess.RunAsync(postgis.Url, "rejects", "--schema", "never_imported")).ExitCode);

    [Fact]
    public async Task Rejects_of_a_run_the_schema_does_not_have_is_a_usage_error_not_an_empty_list()
    {
        Assert.Equal(0, (await ImportAsync("rejects_unknown_run")).ExitCode);

        var (exitCode, output) = await CliProcess.RunAsync(postgis.Url, "rejects", "--schema", "rejects_unknown_run", "--run", "00000000-0000-0000-0000-000000000001");

        Assert.True(exitCode == 2, output);
        Assert.Contains("has no run 00000000-0000-0000-0000-000000000001", output);
    }

    /// <summary>The EMF spec's required members: a ms timestamp, directives whose dimensions and metrics are top-level members.</summary>
    private static void AssertEmf(JsonObject record)
    {
        var aws = record["_aws"]!.AsObject();
        Assert.Equal(JsonValueKind.Number, aws["Timestamp"]!.GetValueKind());
        Assert.InRange(aws["Timestamp"]!.GetValue<long>(), DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeMilliseconds(), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        var directives = aws["CloudWatchMetrics"]!.AsArray();
        Assert.NotEmpty(directives);
        foreach (var directive in directives.Select(d => d!.AsObject()))
        {
            Assert.Equal("TigerImport", directive["Namespace"]!.GetValue<string>());
            foreach (var key in directive["Dimensions"]!.AsArray().SelectMany(set => set!.AsArray()))
            {
                Assert.Equal(JsonValueKind.String, record[key!.GetValue<string>()]!.GetValueKind());
            }

            var metrics = directive["Metrics"]!.AsArray();
            Assert.Contains(metrics, m => m!["Name"]!.GetValue<string>() == "RowsLoaded");
            foreach (var metric in metrics)
            {
                Assert.Equal(JsonValueKind.Number, record[metric!["Name"]!.GetValue<string>()]!.GetValueKind());
                Assert.Contains(metric["Unit"]!.GetValue<string>(), new[] { "Count", "Bytes", "Milliseconds" });
            }
        }
    }

    private Task<(int ExitCode, string Output)> ImportAsync(string schema, params string[] more) =>
        CliProcess.RunJsonAsync(postgis.Url, ["import", "--source", RepoPaths.Samples, "--year", "2024", "--layers", Layers, "--schema", schema, .. more]);

    private static IEnumerable<JsonObject> Lines(string output) => output.Split('\n')
        .Where(l => l.StartsWith('{'))
        .Select(l => JsonNode.Parse(l)!.AsObject());

    private static IEnumerable<string> KeysOf(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => KeysOf(p.Value).Prepend(p.Key)),
        JsonArray a => a.SelectMany(KeysOf),
        _ => [],
    };
}
