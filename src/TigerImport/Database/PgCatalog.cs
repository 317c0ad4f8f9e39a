using Npgsql;

namespace TigerImport.Database;

/// <summary>What the system catalogs say about the tables this worker made: their columns, and a layer's partitions in a schema.</summary>
public static class PgCatalog
{
    /// <summary>Column name → type (as format_type spells it) of a table, in column order; empty when there is no such table.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> ColumnTypesAsync(
        NpgsqlConnection connection, string schema, string table, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT a.attname, format_type(a.atttypid, a.atttypmod)
            FROM pg_attribute a
            JOIN pg_class c ON c.oid = a.attrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = $1 AND c.relname = $2 AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY a.attnum
            """;
        var columns = await Db.ReadAsync(connection, sql, r => (Name: r.GetString(0), Type: r.GetString(1)), cancellationToken, schema, table);
        return columns.ToDictionary(c => c.Name, c => c.Type, StringComparer.Ordinal);
    }

    /// <summary>The layer's partition tables (<c>{table}_p{part}</c>) that <paramref name="schema"/> holds, by name.</summary>
    public static async Task<IReadOnlyList<string>> PartitionTablesAsync(NpgsqlConnection connection, LayerTarget target, string schema, CancellationToken cancellationToken)
    {
        return await Db.ReadAsync(
            connection,
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'r' AND starts_with(c.relname, $2) ORDER BY 1",
            r => r.GetString(0),
            cancellationToken,
            schema,
            target.PartitionTable(string.Empty));
    }
}
