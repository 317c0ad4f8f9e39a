using System.Diagnostics;
using System.Text;

namespace TigerImport.Tests.Support;

/// <summary>
/// The real executable, as an operator runs it (text logs on stderr): run to the end, or start it, wait for a log
/// line, and signal it (SIGTERM, SIGKILL) at that moment.
/// </summary>
internal sealed class CliProcess : IDisposable
{
    public static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "TigerImport.Cli.dll");

    private readonly Process process;
    private readonly StringBuilder log = new();
    private readonly Task<string> stdout;

    private CliProcess(Process process)
    {
        this.process = process;
        stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Everything logged so far (stderr), and once exited, the summary (stdout).</summary>
    public string Output => log.ToString();

    public int Id => process.Id;

    /// <summary>Runs to the end with text logs: DATABASE_URL and TIGER_LOG_FORMAT=text set, the rest inherited.</summary>
    public static Task<(int ExitCode, string Output)> RunAsync(string? databaseUrl, params string[] arguments) => RunLoggingAsync(databaseUrl, "text", null, arguments);

    /// <summary>Runs to the end with JSON logs: CLEF lines and EMF records on stdout.</summary>
    public static Task<(int ExitCode, string Output)> RunJsonAsync(string? databaseUrl, params string[] arguments) => RunLoggingAsync(databaseUrl, "json", null, arguments);

    /// <summary>Runs to the end with text logs, as <see cref="RunAsync(string?, string[])"/>, and more variables set.</summary>
    public static Task<(int ExitCode, string Output)> RunWithVariablesAsync(
        string? databaseUrl, IReadOnlyDictionary<string, string?>? variables, params string[] arguments) => RunLoggingAsync(databaseUrl, "text", variables, arguments);

    /// <summary>Runs to the end with exactly these variables set over the test's own (no DATABASE_URL or log format added).</summary>
    public static Task<(int ExitCode, string Output)> RunInEnvironmentAsync(IDictionary<string, string?> environment, params string[] arguments) =>
        ExternalTool.RunAsync("dotnet", [Dll, .. arguments], environment);

    /// <summary>Runs to the end with these variables set over the test's own; stdout and stderr apart (what a script piping stdout gets).</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunApartAsync(IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])[Dll, .. arguments])
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await stdout, await stderr);
    }

    public static CliProcess Start(string databaseUrl, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])[Dll, .. arguments])
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["DATABASE_URL"] = databaseUrl;
        info.Environment["TIGER_LOG_FORMAT"] = "text";
        return new CliProcess(Process.Start(info)!);
    }

    /// <summary>Reads the log until a line contains <paramref name="text"/>; fails when the process ends first.</summary>
    public async Task WaitForLineAsync(string text)
    {
        while (await process.StandardError.ReadLineAsync(TestContext.Current.CancellationToken) is { } line)
        {
            log.AppendLine(line);
            if (line.Contains(text, StringComparison.Ordinal))
            {
                return;
            }
        }

        Assert.Fail($"The process ended before logging '{text}':\n{log}");
    }

    /// <summary>Waits for the process to end by itself, reading the rest of its log; returns its exit code.</summary>
    public async Task<int> WaitAsync()
    {
        log.Append(await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken));
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        log.Append(await stdout);
        return process.ExitCode;
    }

    /// <summary>Sends a signal (TERM, KILL) and waits for the process to end; returns its exit code.</summary>
    public async Task<int> SignalAsync(string signal)
    {
        Assert.False(process.HasExited, log.ToString());
        Assert.Equal(0, (await ExternalTool.RunAsync("kill", [$"-{signal}", process.Id.ToString()])).ExitCode);
        log.Append(await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken));
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        log.Append(await stdout);
        return process.ExitCode;
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        process.Dispose();
    }

    private static Task<(int ExitCode, string Output)> RunLoggingAsync(
        string? databaseUrl, string logFormat, IReadOnlyDictionary<string, string?>? variables, string[] arguments)
    {
        var environment = new Dictionary<string, string?> { ["DATABASE_URL"] = databaseUrl, ["TIGER_LOG_FORMAT"] = logFormat };
        foreach (var (key, value) in variables ?? new Dictionary<string, string?>())
        {
            environment[key] = value;
        }

        return RunInEnvironmentAsync(environment, arguments);
    }
}
