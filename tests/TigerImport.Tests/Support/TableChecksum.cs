using Npgsql;

namespace TigerImport.Tests.Support;

/// <summary>
/// Checksums of a table's rows (every column, geometry included, as each row's text), to show a run left a table
/// byte-identical or that two tables hold the same rows.
/// </summary>
internal static class TableChecksum
{
    /// <summary>An md5 of the rows' text in a stable order; null for no rows.</summary>
    private const string RowsMd5 = "md5(string_agg(t::text, '|' ORDER BY t::text))";

    /// <summary>The row count and an md5 of every row: equal means byte-identical.</summary>
    public static Task<string> OfAsync(NpgsqlDataSource dataSource, string qualifiedTable) =>
        TestImport.ScalarAsync<string>(dataSource, $"SELECT count(*) || ':' || coalesce({RowsMd5}, '') FROM {qualifiedTable} t");

    /// <summary><see cref="OfAsync(NpgsqlDataSource, string)"/> on a data source of its own.</summary>
    public static async Task<string> OfAsync(PostgisServer postgis, string qualifiedTable)
    {
        await using var dataSource = postgis.CreateDataSource();
        return await OfAsync(dataSource, qualifiedTable);
    }

    /// <summary>Rows and an md5 of every row, per state partition (the first two digits of tiger_scope), in state order.</summary>
    public static async Task<IReadOnlyList<(string Part, long Rows, string Md5)>> ByStateAsync(NpgsqlDataSource dataSource, string qualifiedTable)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT left(t.tiger_scope, 2), count(*), {RowsMd5} FROM {qualifiedTable} t GROUP BY 1 ORDER BY 1");
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var sums = new List<(string, long, string)>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            sums.Add((reader.GetString(0), reader.GetInt64(1), reader.GetString(2)));
        }

        return sums;
    }

    /// <summary>An md5 of each row on its own, as a set: which rows a table holds, whatever their order.</summary>
    public static async Task<HashSet<string>> RowDigestsAsync(NpgsqlDataSource dataSource, string qualifiedTable)
    {
        await using var command = dataSource.CreateCommand($"SELECT md5(t::text) FROM {qualifiedTable} t");
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var rows = new HashSet<string>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}
