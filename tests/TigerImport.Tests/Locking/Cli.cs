using Npgsql;
using TigerImport.Tests.Support;

namespace TigerImport.Tests.Locking;

/// <summary>The real executable against the test database, and a per-partition checksum of a published table.</summary>
internal static class Cli
{
    private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "TigerImport.Cli.dll");

    public static Task<(int ExitCode, string Output)> RunAsync(string databaseUrl, params string[] arguments) =>
        ExternalTool.RunAsync("dotnet", [Dll, .. arguments], new Dictionary<string, string?> { ["DATABASE_URL"] = databaseUrl, ["TIGER_LOG_FORMAT"] = "text" });

    /// <summary>Rows and an md5 of every row's text (geometry included), per partition, in partition order.</summary>
    public static async Task<IReadOnlyList<(string Part, long Rows, string Md5)>> ChecksumsAsync(NpgsqlDataSource db, string table)
    {
        await using var command = db.CreateCommand(
            $"SELECT left(t.tiger_scope, 2), count(*), md5(string_agg(t::text, E'\\n' ORDER BY t::text)) FROM {table} t GROUP BY 1 ORDER BY 1");
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var sums = new List<(string, long, string)>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            sums.Add((reader.GetString(0), reader.GetInt64(1), reader.GetString(2)));
        }

        return sums;
    }
}
