using Npgsql;

namespace TigerImport.Load;

/// <summary>
/// The published, partitioned table of a layer vintage. Created on first load from the file's columns; a later file
/// with a new field adds a nullable column (every partition gets it); the geometry type and SRID never change.
/// </summary>
public static class LayerTable
{
    /// <summary>Makes sure the table exists and has every column of <paramref name="fileColumns"/>; returns the table's column types.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> EnsureAsync(
        NpgsqlConnection connection, LayerTarget target, IReadOnlyList<LayerColumn> fileColumns, CancellationToken cancellationToken)
    {
        var existing = await ColumnTypesAsync(connection, target.Schema, target.Table, cancellationToken);
        if (existing.Count == 0)
        {
            await CreateAsync(connection, target, fileColumns, cancellationToken);
        }
        else
        {
            await CheckGeometryAsync(connection, target, cancellationToken);
            foreach (var column in fileColumns.Where(c => !existing.ContainsKey(c.Name)))
            {
                await Db.ExecuteAsync(connection, $"SET lock_timeout = '5s'; ALTER TABLE {target.QualifiedTable} ADD COLUMN {Sql.Identifier(column.Name)} {column.PgType}; RESET lock_timeout", cancellationToken);
            }
        }

        return await ColumnTypesAsync(connection, target.Schema, target.Table, cancellationToken);
    }

    /// <summary>The key column the layer's btree index is on: the first of the layer's key fields the table has.</summary>
    public static string? KeyColumn(LayerTarget target, IEnumerable<string> columns) =>
        target.Vintage.Layer.KeyFields.Select(k => k.ToLowerInvariant()).FirstOrDefault(columns.Contains);

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
        var columns = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new() { Value = schema }, new() { Value = table } } };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            columns[reader.GetString(0)] = reader.GetString(1);
        }

        return columns;
    }

    private static async Task CreateAsync(NpgsqlConnection connection, LayerTarget target, IReadOnlyList<LayerColumn> columns, CancellationToken cancellationToken)
    {
        var definitions = columns.Select(c => $"{Sql.Identifier(c.Name)} {c.PgType}")
            .Append($"{LayerTarget.GeometryColumn} geometry({target.GeometryType}, {target.Srid})")
            .Append($"{LayerTarget.ScopeColumn} text NOT NULL");
        var key = KeyColumn(target, columns.Select(c => c.Name));
        var sql = $"""
            CREATE TABLE {target.QualifiedTable} ({string.Join(", ", definitions)})
                PARTITION BY LIST ((left({LayerTarget.ScopeColumn}, 2)));
            CREATE INDEX {Sql.Identifier(target.Table + "_geom")} ON {target.QualifiedTable} USING gist ({LayerTarget.GeometryColumn});
            {(key is null ? "" : $"CREATE INDEX {Sql.Identifier(target.Table + "_key")} ON {target.QualifiedTable} ({Sql.Identifier(key)});")}
            COMMENT ON TABLE {target.QualifiedTable} IS {Sql.Literal($"TIGER/Line {target.Vintage.Layer.Key} {target.Vintage.Year} ({target.Vintage.Layer.Description}), loaded by tigerimport; partitioned by state")};
            """;
        await Db.ExecuteAsync(connection, sql, cancellationToken);
    }

    private static async Task CheckGeometryAsync(NpgsqlConnection connection, LayerTarget target, CancellationToken cancellationToken)
    {
        const string sql = "SELECT type, srid FROM geometry_columns WHERE f_table_schema = $1 AND f_table_name = $2 AND f_geometry_column = $3";
        await using var command = new NpgsqlCommand(sql, connection)
        {
            Parameters = { new() { Value = target.Schema }, new() { Value = target.Table }, new() { Value = LayerTarget.GeometryColumn } },
        };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            throw new TigerImportException(FailureKind.Usage, $"{target.Schema}.{target.Table} exists but was not made by tigerimport (no {LayerTarget.GeometryColumn} column): choose another --schema.");
        }

        var (type, srid) = (reader.GetString(0), reader.GetInt32(1));
        if (!string.Equals(type, target.GeometryType, StringComparison.OrdinalIgnoreCase) || srid != target.Srid)
        {
            throw new TigerImportException(FailureKind.Usage, $"{target.Schema}.{target.Table} holds {type} in SRID {srid}; this run writes {target.GeometryType} in SRID {target.Srid}. Load into another --schema, or use --srid {srid}.");
        }
    }
}
