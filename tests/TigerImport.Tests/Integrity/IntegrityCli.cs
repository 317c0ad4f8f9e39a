using TigerImport.Tests.Support;

namespace TigerImport.Tests.Integrity;

/// <summary>Runs the real executable on a folder of zips, as an operator would, and queries what it published.</summary>
internal static class IntegrityCli
{
    public static Task<(int ExitCode, string Output)> ImportAsync(
        PostgisServer postgis, string folder, string schema, string layer, IEnumerable<string>? extra = null, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var year = Directory.GetFiles(folder, "tl_*.zip").Select(p => Path.GetFileName(p)[3..7]).First();
        return CliProcess.RunWithVariablesAsync(postgis.Url, environment, ["import", "--source", folder, "--year", year, "--layers", layer, "--schema", schema, .. extra ?? []]);
    }

    public static async Task<T> ScalarAsync<T>(PostgisServer postgis, string sql)
    {
        await using var db = postgis.CreateDataSource();
        return await TestImport.ScalarAsync<T>(db, sql);
    }
}
