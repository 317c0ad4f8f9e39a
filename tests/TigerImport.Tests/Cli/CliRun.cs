using TigerImport.Tests.Support;

namespace TigerImport.Tests.Cli;

/// <summary>The CLI as built beside the tests (<c>TigerImport.Cli.dll</c>), run by <c>dotnet</c> like an operator runs the tool.</summary>
internal static class CliRun
{
    public static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "TigerImport.Cli.dll");

    public static Task<(int ExitCode, string Output)> RunAsync(string? databaseUrl, string logFormat, params string[] arguments) =>
        ExternalTool.RunAsync("dotnet", [Dll, .. arguments], new Dictionary<string, string?> { ["DATABASE_URL"] = databaseUrl, ["TIGER_LOG_FORMAT"] = logFormat });
}
