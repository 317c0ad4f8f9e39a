using TigerImport.Tests.Support;

namespace TigerImport.Tests.Regions;

/// <summary>
/// The app's side: a GeoDjango app (tests/geodjango) whose Region model and migrations create the table, then the
/// real CLI's sync-regions, then the app's own query. Needs Debian's python3-django and python3-psycopg2 for
/// /usr/bin/python3 (scripts/install-deps.sh django): skipped without them locally, failed without them on CI.
/// </summary>
[Collection(PostgisCollection.Name)]
public sealed class When_the_GeoDjango_app_reads_synced_regions(PostgisServer postgis) : IDisposable
{
    private const string Python = "/usr/bin/python3";
    private static readonly string Client = Path.Combine(RepoPaths.Root, "tests", "geodjango", "client.py");
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task Its_query_finds_each_district_and_ids_survive_reruns_and_stale_rows_follow_the_policy()
    {
        await using var db = postgis.CreateDataSource();
        await RequireDjangoAsync();
        await RegionSamples.ImportAsync(postgis, db);
        await DjangoAsync("migrate");

        // Every state of the vintage: Puerto Rico has no CD sample, so it is refused (exit 3) and the others synced.
        var (exitCode, output) = await SyncAsync();
        Assert.True(exitCode == 3, output);
        Assert.Contains("PR (72) not synced: CD 2024 has no rows for it", output);
        await DjangoAsync("points");

        var ids = Path.Combine(temp.Path, "ids.json");
        await DjangoAsync("snapshot", ids);
        (exitCode, output) = await SyncAsync("--states", "NM,HI");
        Assert.True(exitCode == 0, output);
        Assert.Contains("Summary state_senate_district 2024 into region: 0 inserted, 0 updated, 9 unchanged, 0 stale (kept)", output);
        await DjangoAsync("same-ids", ids);

        (exitCode, output) = await SyncAsync("--states", "HI");
        Assert.True(exitCode == 0, output);
        await DjangoAsync("same-ids", ids);

        await DjangoAsync("add-stale");
        (exitCode, output) = await SyncAsync("--states", "NM");
        Assert.True(exitCode == 0, output);
        Assert.Contains("Stale region State Senate District 099 (State 35): not in the vintage; kept", output);
        await DjangoAsync("has", "35099", "35099-01");

        (exitCode, output) = await SyncAsync("--states", "NM", "--stale", "delete");
        Assert.True(exitCode == 0, output);
        Assert.Contains("1 stale (deleted)", output);
        await DjangoAsync("lacks", "35099", "35099-01");
        await DjangoAsync("same-ids", ids);
        await DjangoAsync("points");
    }

    private static async Task RequireDjangoAsync()
    {
        var ready = File.Exists(Python) && (await ExternalTool.RunAsync(Python, ["-c", "import django, psycopg2"])).ExitCode == 0;
        if (!ready && Environment.GetEnvironmentVariable("CI") == "true")
        {
            Assert.Fail($"{Python} cannot import django and psycopg2 on CI: scripts/install-deps.sh django installs python3-django and python3-psycopg2.");
        }

        Assert.SkipUnless(ready, $"{Python} cannot import django and psycopg2 (apt-get install python3-django python3-psycopg2, or scripts/install-deps.sh django): skipped.");
    }

    private async Task DjangoAsync(params string[] step)
    {
        var (exitCode, output) = await ExternalTool.RunAsync(Python, [Client, .. step], new Dictionary<string, string?> { ["DJANGO_DATABASE_URL"] = postgis.Url });
        Assert.True(exitCode == 0, $"client.py {string.Join(' ', step)} exited {exitCode}:\n{output}");
        Assert.StartsWith("ok: ", output);
    }

    private Task<(int ExitCode, string Output)> SyncAsync(params string[] arguments) =>
        CliProcess.RunAsync(postgis.Url, ["sync-regions", "--year", "2024", "--schema", RegionSamples.Schema, .. arguments]);
}
