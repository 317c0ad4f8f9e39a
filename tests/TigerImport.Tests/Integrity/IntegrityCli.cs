using TigerImport.Tests.Support;

namespace TigerImport.Tests.Integrity;

/// <summary>Runs the real executable on a folder of zips, as an operator would, and queries what it published.</summary>
internal static class IntegrityCli
{
    private static readonly string Cli = Path.Combine(AppContext.BaseDirectory, "TigerImport.Cli.dll");

    public static Task<(int ExitCode, string Output)> ImportAsync(
        PostgisServer postgis, string folder, string schema, string layer, IEnumerable<string>? extra = null, IDictionary<string, string?>? environment = null)
    {
        var variables = new Dictionary<string, string?> { ["DATABASE_URL"] = postgis.Url, ["TIGER_LOG_FORMAT"] = "text" };
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            variables[key] = value;
        }

        var year = Directory.GetFiles(folder, "tl_*.zip").Select(p => Path.GetFileName(p)[3..7]).First();
        return ExternalTool.RunAsync("dotnet", [Cli, "import", "--source", folder, "--year", year, "--layers", layer, "--schema", schema, .. extra ?? []], variables);
    }

    public static async Task<T> ScalarAsync<T>(PostgisServer postgis, string sql)
    {
        await using var db = postgis.CreateDataSource();
        return await TestImport.ScalarAsync<T>(db, sql);
    }
}
