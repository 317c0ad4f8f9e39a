using System.Diagnostics;
using System.Text.RegularExpressions;
using TigerImport.Tests.Support;

namespace TigerImport.Tests.Cli;

/// <summary>
/// The live progress line as a person sees it: the real executable runs in a terminal (tmux, detached), and the test
/// reads the screen while a big file loads and after the run ends.
/// </summary>
[Collection(PostgisCollection.Name)]
public sealed partial class When_a_layer_loads_on_a_terminal(PostgisServer postgis)
{
    /// <summary>200,000 features load for several seconds here: long enough to read the live line a few times.</summary>
    private const int Features = 200_000;

    [Fact]
    public async Task One_live_line_shows_progress_and_the_layer_result_replaces_it()
    {
        Assert.SkipUnless(ExternalTool.IsInstalled("tmux"), "tmux is not installed; scripts/install-deps.sh tmux installs it.");
        using var folder = new TempFolder();
        folder.Write(LargeSample.Edges(Features));
        var socket = $"tigerimport-test-{Guid.NewGuid():N}";
        var apphost = Path.Combine(AppContext.BaseDirectory, "TigerImport.Cli");
        var command = $"'{apphost}' import --source '{folder.Path}' --year 2024 --layers EDGES --schema progress; echo EXIT=$?; sleep 600";
        var environment = new Dictionary<string, string?> { ["DATABASE_URL"] = postgis.Url, ["TERM"] = "xterm-256color", ["TIGER_LOG_FORMAT"] = null };
        try
        {
            var start = await ExternalTool.RunAsync("tmux", ["-L", socket, "new-session", "-d", "-s", "run", "-x", "160", "-y", "50", command], environment);
            Assert.True(start.ExitCode == 0, start.Output);

            var during = await ScreenWhenAsync(socket, screen => LiveLine().IsMatch(screen) && screen.Contains("ETA", StringComparison.Ordinal), TimeSpan.FromMinutes(3));
            var live = Assert.Single(during.Split('\n'), l => LiveLine().IsMatch(l));
            Assert.True(Regex.IsMatch(live.TrimEnd(), @"ETA (\d+:)?\d+:\d\d$"), during);
            Assert.Contains("INF Planned EDGES 2024: 1 file(s) into progress.edges_2024", during);

            var after = await ScreenWhenAsync(socket, screen => screen.Contains("EXIT=", StringComparison.Ordinal), TimeSpan.FromMinutes(5));
            Assert.Contains("EXIT=0", after);
            Assert.Contains($"EDGES 2024: published; 1 file(s), {Features:N0} loaded, 0 repaired, 0 rejected in ", after);
            Assert.Matches(@"layer\s+year\s+table\s+files\s+read\s+loaded", after);
            Assert.DoesNotMatch(LiveLine(), after);
            Assert.DoesNotContain("ETA", after);
        }
        finally
        {
            await ExternalTool.RunAsync("tmux", ["-L", socket, "kill-server"]);
        }
    }

    [GeneratedRegex(@"EDGES 2024  \d/1 files  [\d,]+ features  [\d,]+/s  \d+:\d\d elapsed")]
    private static partial Regex LiveLine();

    /// <summary>The visible screen, polled every 100 ms until it shows what is awaited.</summary>
    private static async Task<string> ScreenWhenAsync(string socket, Func<string, bool> shows, TimeSpan patience)
    {
        var clock = Stopwatch.StartNew();
        var screen = "";
        while (clock.Elapsed < patience)
        {
            screen = (await ExternalTool.RunAsync("tmux", ["-L", socket, "capture-pane", "-p", "-t", "run"])).Output;
            if (shows(screen))
            {
                return screen;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.Fail($"The screen never showed what was awaited in {patience}:\n{screen}");
        return screen;
    }
}
