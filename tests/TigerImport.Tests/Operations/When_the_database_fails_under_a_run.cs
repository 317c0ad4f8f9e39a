using Npgsql;
using TigerImport.Catalog;
using TigerImport.Import;
using TigerImport.Sources.Folder;
using TigerImport.Tests.Support;

namespace TigerImport.Tests.Operations;

/// <summary>PostgreSQL failing under a run: a killed COPY, a publish waiting on readers, a database that is down.</summary>
[Collection(PostgisCollection.Name)]
public sealed class When_the_database_fails_under_a_run(PostgisServer postgis)
{
    private const int Features = 300_000;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("copykill", "COPY", 73, "PostgreSQL closed the session (terminated by an administrator or pg_terminate_backend")]
    [InlineData("gistkill", "GiST", 106, "the database connection was lost while building its geometry index")]
    public async Task A_connection_killed_mid_COPY_or_mid_GiST_build_does_that_step_again_on_a_new_connection(string schema, string step, int retryEvent, string retryMessage)
    {
        await using var db = postgis.CreateDataSource();
        using var folder = new TempFolder();
        folder.Write(LargeSample.Edges(Features));
        var logger = new ListLogger();

        var (summary, killed) = await ImportWhileKillingAsync(db, folder.Path, schema, logger, kills: 1, Running(step, schema));

        Assert.Equal(1, killed);
        var layer = Assert.Single(summary.Layers);
        Assert.True(layer.Outcome == LayerOutcome.Published, layer.Error);
        Assert.Contains(retryMessage, Assert.Single(logger.WithId(retryEvent)).Message);
        Assert.Equal((long)Features, await TestImport.ScalarAsync<long>(db, $"SELECT count(*) FROM {schema}.edges_2024"));
        Assert.Equal((long)Features, await TestImport.ScalarAsync<long>(db, $"SELECT count(DISTINCT tlid) FROM {schema}.edges_2024"));
        Assert.Equal(1L, await TestImport.ScalarAsync<long>(db, $"SELECT count(*) FROM pg_indexes WHERE schemaname = '{schema}' AND tablename LIKE 'edges_2024_p%' AND indexdef LIKE '%USING gist%'"));
        Assert.Equal(0L, await TestImport.ScalarAsync<long>(db, $"SELECT count(*) FROM pg_tables WHERE schemaname = '{schema}_staging'"));
    }

    [Theory]
    [InlineData("copykill2", "COPY", "while loading tl_2024_35013_edges.zip: PostgreSQL closed the session")]
    [InlineData("gistkill2", "GiST", "while building the geometry index of \"gistkill2_staging\"")]
    public async Task A_second_kill_fails_the_layer_with_the_servers_reason_and_leaves_it_unchanged(string schema, string step, string reason)
    {
        await using var db = postgis.CreateDataSource();
        using var folder = new TempFolder().WithSamples("tl_2024_35013_edges.zip");
        await TestImport.RunAsync(db, folder.Path, schema, 2024, "EDGES");
        var before = await TableChecksum.OfAsync(db, $"{schema}.edges_2024");
        folder.Write(LargeSample.Edges(Features));

        var (summary, killed) = await ImportWhileKillingAsync(db, folder.Path, schema, new ListLogger(), kills: 2, Running(step, schema));

        Assert.Equal(2, killed);
        var layer = Assert.Single(summary.Layers);
        Assert.Equal(LayerOutcome.Failed, layer.Outcome);
        Assert.Equal(FailureKind.Database, layer.Failure);
        Assert.Contains($"the database connection was lost twice {reason}", layer.Error);
        Assert.Equal(before, await TableChecksum.OfAsync(db, $"{schema}.edges_2024"));
        Assert.Equal(0L, await TestImport.ScalarAsync<long>(db, $"SELECT count(*) FROM pg_tables WHERE schemaname = '{schema}_staging'"));
    }

    [Fact]
    public async Task A_publish_waiting_on_a_reader_names_the_readers_session()
    {
        await using var db = postgis.CreateDataSource();
        using var folder = new TempFolder().WithSamples("tl_2024_35013_edges.zip");
        await TestImport.RunAsync(db, folder.Path, "blocked", 2024, "EDGES");
        await using var reader = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(postgis.ConnectionString) { ApplicationName = "long-report" }.ConnectionString);
        await reader.OpenAsync(Cancellation);
        var readerPid = reader.ProcessID;
        await using (var hold = new NpgsqlCommand("BEGIN; SELECT count(*) FROM blocked.edges_2024", reader))
        {
            await hold.ExecuteNonQueryAsync(Cancellation);
        }

        var logger = new ListLogger();
        var import = new ImportRunner(db, new LocalFolderSource(folder.Path), logger)
            .ImportAsync(Guid.NewGuid(), ImportRequest.Parse("2024", "EDGES", null, null), new ImportOptions("blocked") { Force = true }, Cancellation);
        for (var waited = 0; logger.WithId(74).Count == 0 && waited < 300 && !import.IsCompleted; waited++)
        {
            await Task.Delay(100, Cancellation);
        }

        await using (var release = new NpgsqlCommand("COMMIT", reader))
        {
            await release.ExecuteNonQueryAsync(Cancellation);
        }

        var summary = await import;
        var blocked = Assert.Single(logger.WithId(74)).Message;
        Assert.Contains($"session pid {readerPid} (user ", blocked);
        Assert.Contains("application_name long-report, idle in transaction, query started ", blocked);
        Assert.Equal(LayerOutcome.Published, Assert.Single(summary.Layers).Outcome);
    }

    [Fact]
    public async Task A_database_that_is_down_is_named_with_host_port_and_cause_but_never_the_password()
    {
        var (exitCode, output) = await CliProcess.RunAsync(
            "postgres://importer:s3cret-word@127.0.0.1:1/geodata", "import", "--source", RepoPaths.Samples, "--year", "2024", "--layers", "PLACE");

        Assert.True(exitCode == 5, output);
        Assert.Contains("not reachable (attempt 1", output);
        Assert.Contains("Cannot connect to the database at 127.0.0.1:1/geodata as importer", output);
        Assert.Contains("Connection refused", output);
        Assert.DoesNotContain("s3cret-word", output);
    }

    /// <summary>
    /// The file's COPY once it has streamed for a moment, so the kill lands mid-file rather than at its first row; or the
    /// GiST build on its own connection as soon as it is seen (it lasts about a second).
    /// </summary>
    private static string Running(string step, string schema) => step == "COPY"
        ? $"""query LIKE 'COPY "{schema}_staging".%' AND now() - query_start > interval '300 ms'"""
        : $"""query LIKE 'CREATE INDEX %USING gist%' AND query LIKE '%"{schema}_staging".%'""";

    /// <summary>Imports the folder's EDGES while another connection terminates the backend running <paramref name="statement"/>, up to <paramref name="kills"/> times.</summary>
    private static async Task<(ImportSummary Summary, int Killed)> ImportWhileKillingAsync(NpgsqlDataSource db, string folder, string schema, ListLogger logger, int kills, string statement)
    {
        using var done = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        var killer = Task.Run(
            async () =>
            {
                // Backends, not signals, are counted: a terminated backend can still show as active on the next poll
                // (pg_terminate_backend only signals it), and a busy machine must not count one kill twice.
                var killed = new HashSet<int>();
                while (killed.Count < kills && !done.IsCancellationRequested)
                {
                    await using var command = db.CreateCommand($"""
                        SELECT pid, pg_terminate_backend(pid) FROM pg_stat_activity
                        WHERE datname = current_database() AND state = 'active' AND {statement}
                        """);
                    await using (var reader = await command.ExecuteReaderAsync(CancellationToken.None))
                    {
                        while (await reader.ReadAsync(CancellationToken.None))
                        {
                            if (reader.GetBoolean(1))
                            {
                                killed.Add(reader.GetInt32(0));
                            }
                        }
                    }

                    await Task.Delay(20, CancellationToken.None);
                }

                return killed.Count;
            },
            CancellationToken.None);
        var summary = await new ImportRunner(db, new LocalFolderSource(folder), logger)
            .ImportAsync(Guid.NewGuid(), ImportRequest.Parse("2024", "EDGES", null, null), new ImportOptions(schema) { AllowChange = true }, Cancellation); // the synthetic file replaces the sample: a change, not the case here
        await done.CancelAsync();
        return (summary, await killer);
    }
}
