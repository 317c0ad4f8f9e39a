using Npgsql;

namespace TigerImport.Tests.Support;

/// <summary>A checksum of a table's rows (every column, geometry included), to show a failed run left it byte-identical.</summary>
internal static class TableChecksum
{
    public static Task<string> OfAsync(NpgsqlDataSource dataSource, string qualifiedTable) =>
        TestImport.ScalarAsync<string>(dataSource, $"SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM {qualifiedTable} t");
}
