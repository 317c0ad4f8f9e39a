using System.Globalization;
using System.Text;
using System.Text.Json;
using TigerImport.Tests.Support;

namespace TigerImport.Tests.Operations;

/// <summary>
/// The operations and security cases, through the real process: a folder it cannot write, a report path that is a
/// folder or lies in one it cannot write or goes missing after the publish, a planted link at the report's temp name,
/// a password on the command line, --counties on a state-based layer, --source naming a file, a redirect to
/// file://, an endless listing. Each ends with its documented exit code and a message naming the option or URL.
/// </summary>
[Collection(PostgisCollection.Name)]
public sealed class When_the_operator_or_a_hostile_mirror_points_the_worker_astray(PostgisServer postgis)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>A folder that exists and that not even root may create a file in (procfs), or a chmod 555 one for a normal user.</summary>
    private static string ReadOnlyFolder(TempFolder temp)
    {
        if (Environment.UserName == "root")
        {
            Assert.SkipUnless(Directory.Exists("/proc/self/fdinfo"), "no /proc here: root writes everywhere else");
            return "/proc/self/fdinfo";
        }

        Assert.SkipWhen(OperatingSystem.IsWindows(), "no POSIX modes");
        var folder = Directory.CreateDirectory(Path.Combine(temp.Path, "read-only")).FullName;
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        }

        return folder;
    }

    [Fact]
    public async Task A_temp_dir_that_is_a_file_or_read_only_is_exit_2_before_any_work()
    {
        using var temp = new TempFolder();
        var file = Path.Combine(temp.Path, "not-a-folder");
        await File.WriteAllTextAsync(file, "x", Cancellation);

        var (fileExit, fileOutput) = await CliProcess.RunAsync(postgis.Url, "import", "--source", RepoPaths.Samples, "--year", "2024", "--layers", "PLACE", "--schema", "tmpfile", "--temp-dir", file);
        var (roExit, roOutput) = await CliProcess.RunAsync(postgis.Url, "import", "--source", RepoPaths.Samples, "--year", "2024", "--layers", "PLACE", "--schema", "tmpro", "--temp-dir", ReadOnlyFolder(temp));

        Assert.True(fileExit == 2, fileOutput);
        Assert.Contains($"--temp-dir (TIGER_TEMP_DIR) {file} is a file, not a folder.", fileOutput);
        Assert.True(roExit == 2, roOutput);
        Assert.Contains("is not writable by this process", roOutput);
        await using var db = postgis.CreateDataSource();
        Assert.Equal(0L, await TestImport.ScalarAsync<long>(db, "SELECT count(*) FROM pg_namespace WHERE nspname IN ('tmpfile', 'tmpro')"));
    }

    [Fact]
    public async Task A_report_that_is_a_folder_or_in_a_read_only_folder_is_exit_2_before_any_work()
    {
        using var temp = new TempFolder();
        var (dirExit, dirOutput) = await CliProcess.RunAsync(postgis.Url, "import", "--source", RepoPaths.Samples, "--year", "2024", "--layers", "PLACE", "--schema", "repdir", "--report", temp.Path);
        var readOnly = Path.Combine(ReadOnlyFolder(temp), "run.json");
        var (roExit, roOutput) = await CliProcess.RunAsync(postgis.Url, "import", "--source", RepoPaths.Samples, "--year", "2024", "--layers", "PLACE", "--schema", "repro", "--report", readOnly);

        Assert.True(dirExit == 2, dirOutput);
        Assert.Contains($"--report {temp.Path} is a folder: give the file to write", dirOutput);
        Assert.True(roExit == 2, roOutput);
        Assert.Contains($"--report {readOnly}: the folder", roOutput);
        Assert.Contains("is not writable by this process", roOutput);
        await using var db = postgis.CreateDataSource();
        Assert.Equal(0L, await TestImport.ScalarAsync<long>(db, "SELECT count(*) FROM pg_namespace WHERE nspname IN ('repdir', 'repro')"));
    }

    [Fact]
    public async Task A_report_that_cannot_be_written_after_the_publish_is_exit_2_and_the_journal_says_so()
    {
        using var temp = new TempFolder();
        var report = Path.Combine(temp.Path, "run.json");
        using var run = CliProcess.Start(postgis.Url, "import", "--source", RepoPaths.Samples, "--year", "2024", "--layers", "PLACE", "--schema", "replate", "--report", report);
        await run.WaitForLineAsync("Importing PLACE 2024");

        // After the check, before the write: the report's name becomes a folder with something in it (rename cannot replace it).
        Directory.CreateDirectory(report);
        await File.WriteAllTextAsync(Path.Combine(report, "keep"), "x", Cancellation);
        var exitCode = await run.WaitAsync();

        Assert.True(exitCode == 2, run.Output);
        Assert.Contains($"The run's report was not written: --report {report} could not be written", run.Output);
        Assert.Contains("only the report is missing", run.Output);
        await using var db = postgis.CreateDataSource();
        Assert.Equal("succeeded 2", await TestImport.ScalarAsync<string>(db, "SELECT status || ' ' || exit_code FROM replate.tiger_runs"));
        Assert.True(await TestImport.ScalarAsync<long>(db, "SELECT count(*) FROM replate.place_2024") > 0);
        Assert.Equal(["keep"], Directory.GetFileSystemEntries(report).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_link_planted_at_the_reports_temp_name_or_final_name_is_never_written_through()
    {
        using var temp = new TempFolder();
        var report = Path.Combine(temp.Path, "run.json");
        var victim = Path.Combine(temp.Path, "victim.txt");
        var other = Path.Combine(temp.Path, "other.txt");
        await File.WriteAllTextAsync(victim, "precious", Cancellation);
        await File.WriteAllTextAsync(other, "also precious", Cancellation);
        File.CreateSymbolicLink(report + ".partial", victim);
        File.CreateSymbolicLink(report, other);

        var (exitCode, output) = await CliProcess.RunAsync(postgis.Url, "import", "--source", RepoPaths.Samples, "--year", "2024", "--layers", "PLACE", "--schema", "replink", "--report", report);

        Assert.True(exitCode == 0, output);
        Assert.Equal("precious", await File.ReadAllTextAsync(victim, Cancellation));
        Assert.Equal("also precious", await File.ReadAllTextAsync(other, Cancellation));
        Assert.Null(new FileInfo(report).LinkTarget);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(report, Cancellation));
        Assert.Equal(JsonValueKind.Object, json.RootElement.ValueKind);
        Assert.Equal(victim, new FileInfo(report + ".partial").LinkTarget);
        Assert.DoesNotContain(Directory.GetFiles(temp.Path), f => Path.GetFileName(f).EndsWith(".partial", StringComparison.Ordinal) && f != report + ".partial");
    }

    [Fact]
    public async Task A_password_in_connection_warns_and_is_never_printed()
    {
        var (exitCode, output) = await CliProcess.RunAsync(
            null, "import", "--source", RepoPaths.Samples, "--year", "2024", "--layers", "PLACE", "--connection", "postgres://importer:s3cret-word@127.0.0.1:1/geodata");
        var (keywordsExit, keywordsOutput) = await CliProcess.RunAsync(
            null, "import", "--source", RepoPaths.Samples, "--year", "2024", "--layers", "PLACE", "--connection", "Host=127.0.0.1;Port=1;Username=importer;Password=s3cret-word;Database=geodata");
        var (urlExit, urlOutput) = await CliProcess.RunWithVariablesAsync(
            "postgres://importer:s3cret-word@127.0.0.1:1/geodata", null, "import", "--source", RepoPaths.Samples, "--year", "2024", "--layers", "PLACE");

        Assert.True(exitCode == 5, output);
        Assert.Contains("--connection carries a password", output);
        Assert.Contains("Set DATABASE_URL or PGPASSWORD", output);
        Assert.True(keywordsExit == 5, keywordsOutput);
        Assert.Contains("--connection carries a password", keywordsOutput);
        Assert.True(urlExit == 5, urlOutput);
        Assert.DoesNotContain("carries a password", urlOutput);
        Assert.DoesNotContain("s3cret-word", output + keywordsOutput + urlOutput);
    }

    [Fact]
    public async Task Counties_on_a_state_based_layer_is_exit_2_naming_the_layer()
    {
        var (exitCode, output) = await CliProcess.RunAsync(postgis.Url, "import", "--source", RepoPaths.Samples, "--year", "2024", "--layers", "EDGES,PLACE", "--counties", "35013", "--schema", "ctyplace");

        Assert.True(exitCode == 2, output);
        Assert.Contains("--counties narrows county-based layers only (", output);
        Assert.Contains("PLACE is published per state or for the nation, so the whole partition would be replaced", output);
        await using var db = postgis.CreateDataSource();
        Assert.Equal(0L, await TestImport.ScalarAsync<long>(db, "SELECT count(*) FROM pg_namespace WHERE nspname = 'ctyplace'"));
    }

    [Fact]
    public async Task A_source_naming_a_zip_file_says_it_is_a_file()
    {
        var zip = Path.Combine(RepoPaths.Samples, "tl_2024_35_place.zip");
        var (exitCode, output) = await CliProcess.RunAsync(postgis.Url, "import", "--source", zip, "--year", "2024", "--layers", "PLACE", "--schema", "srcfile");

        Assert.True(exitCode == 2, output);
        Assert.Contains($"--source '{zip}' is a file, not a folder: give the folder that holds the zips (e.g. --source {RepoPaths.Samples})", output);
        Assert.DoesNotContain("does not exist", output);
    }

    [Fact]
    public async Task A_redirect_to_file_or_to_another_scheme_is_exit_3_naming_it_and_never_followed()
    {
        await using var server = await FaultServer.StartAsync();
        server.Map("TIGER2024/PLACE/", Redirect("file:///etc/passwd"));

        var (exitCode, output) = await CliProcess.RunAsync(postgis.Url, "import", "--source", server.BaseUrl.AbsoluteUri, "--year", "2024", "--layers", "PLACE", "--states", "35", "--schema", "redirfile");

        Assert.True(exitCode == 3, output);
        Assert.Contains("redirected to file:///etc/passwd, which is not http://: only redirects to the same scheme are followed", output);
        Assert.Single(server.Requests);
        await using var db = postgis.CreateDataSource();
        Assert.Equal(0L, await TestImport.ScalarAsync<long>(db, "SELECT count(*) FROM pg_tables WHERE schemaname = 'redirfile' AND tablename LIKE 'place%'"));
    }

    [Fact]
    public async Task An_endless_listing_is_exit_3_after_the_size_cap_with_memory_bounded()
    {
        await using var server = await FaultServer.StartAsync();
        server.Map("TIGER2024/PLACE/", Endless);

        var (exitCode, output) = await CliProcess.RunAsync(postgis.Url, "import", "--source", server.BaseUrl.AbsoluteUri, "--year", "2024", "--layers", "PLACE", "--states", "35", "--schema", "endless");

        Assert.True(exitCode == 3, output);
        Assert.Contains("the listing is larger than 8,388,608 bytes, so it is not a directory index", output);
        var sent = server.BodyBytesTo("TIGER2024/PLACE/");
        Assert.InRange(sent, 8L * 1024 * 1024, 64L * 1024 * 1024);
        Assert.Single(server.Requests);
    }

    private static Func<FaultExchange, Task> Redirect(string location) => exchange =>
        exchange.SendHeadAsync(302, [("Location", location), ("Content-Length", "0")]);

    /// <summary>An index page without Content-Length that never ends: 1 MB of links after another until the client hangs up.</summary>
    private static async Task Endless(FaultExchange exchange)
    {
        await exchange.SendHeadAsync(200, [("Content-Type", "text/html")]);
        var row = new StringBuilder();
        for (var i = 0; row.Length < 1024 * 1024; i++)
        {
            row.Append(CultureInfo.InvariantCulture, $"<a href=\"tl_2024_35_place{i}.zip\">x</a>\n");
        }

        var chunk = Encoding.ASCII.GetBytes(row.ToString());
        try
        {
            while (!exchange.Aborted.IsCancellationRequested)
            {
                await exchange.SendAsync(chunk);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or System.Net.Sockets.SocketException)
        {
            // The client stopped reading: the cap worked.
        }
    }
}
