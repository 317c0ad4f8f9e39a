using TigerImport.Tests.Support;

namespace TigerImport.Tests.Locking;

/// <summary>The real executable against the test database.</summary>
internal static class Cli
{
    private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "TigerImport.Cli.dll");

    public static Task<(int ExitCode, string Output)> RunAsync(string databaseUrl, params string[] arguments) =>
        ExternalTool.RunAsync("dotnet", [Dll, .. arguments], new Dictionary<string, string?> { ["DATABASE_URL"] = databaseUrl, ["TIGER_LOG_FORMAT"] = "text" });
}
