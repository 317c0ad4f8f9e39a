using Npgsql;
using TigerImport.Database;

namespace TigerImport.Publish;

/// <summary>
/// The published, partitioned table of a layer vintage. It changes only inside the publish transaction: created there
/// on the first publish (from the staged partitions' columns), and given there any column a newer file brought.
/// Its geometry type and SRID never change.
/// </summary>
public static class PublishedTable
{
    /// <summary>
    /// The published table's column types, or an empty map when it does not exist yet. Fails early when it exists
    /// with another geometry type or SRID, before anything is loaded.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, string>> PublishedColumnsAsync(NpgsqlConnection connection, LayerTarget target, CancellationToken cancellationToken)
    {
        var columns = await ColumnTypesAsync(connection, target.Schema, target.Table, cancellationToken);
        if (columns.Count > 0)
        {
            await CheckGeometryAsync(connection, target, cancellationToken);
        }

        return columns;
    }

    /// <summary>
    /// Inside the publish transaction: creates the table if this is its first publish, adds to it the columns staged
    /// partitions have and it lacks, and adds to each staged partition the columns it lacks (ATTACH wants the same set).
    /// </summary>
    public static async Task ReconcileAsync(NpgsqlConnection connection, LayerTarget target, IReadOnlyList<string> stagedParts, CancellationToken cancellationToken)
    {
        var staged = new List<(string Name, IReadOnlyDictionary<string, string> Columns)>();
        foreach (var part in stagedParts)
        {
            var name = target.PartitionTable(part);
            staged.Add((name, await ColumnTypesAsync(connection, target.StagingSchema, name, cancellationToken)));
        }

        var published = await ColumnTypesAsync(connection, target.Schema, target.Table, cancellationToken);
        if (published.Count == 0)
        {
            await CreateAsync(connection, target, staged[0].Name, staged[0].Columns.Keys, cancellationToken);
            published = staged[0].Columns;
        }

        var all = new Dictionary<string, string>(published);
        foreach (var (name, type) in staged.SelectMany(s => s.Columns).Where(c => !published.ContainsKey(c.Key)))
        {
            all.TryAdd(name, type);
        }

        foreach (var (name, type) in all.Where(c => !published.ContainsKey(c.Key)))
        {
            await Db.ExecuteAsync(connection, $"ALTER TABLE {target.QualifiedTable} ADD COLUMN {Sql.Identifier(name)} {type}", cancellationToken);
        }

        foreach (var (table, columns) in staged)
        {
            foreach (var (name, type) in all.Where(c => !columns.ContainsKey(c.Key)))
            {
                await Db.ExecuteAsync(connection, $"ALTER TABLE {Sql.Qualified(target.StagingSchema, table)} ADD COLUMN {Sql.Identifier(name)} {type}", cancellationToken);
            }
        }
    }

    /// <summary>The key column the layer's btree index is on: the first of the layer's key fields the table has.</summary>
    public static string? KeyColumn(LayerTarget target, IEnumerable<string> columns) =>
        target.Vintage.Layer.KeyFields.Select(k => k.ToLowerInvariant()).FirstOrDefault(columns.Contains);

    /// <summary>The layer's partition tables (<c>{table}_p{part}</c>) that <paramref name="schema"/> holds, by name.</summary>
    public static async Task<IReadOnlyList<string>> PartitionTablesAsync(NpgsqlConnection connection, LayerTarget target, string schema, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'r' AND starts_with(c.relname, $2) ORDER BY 1",
            connection)
        {
            Parameters = { new() { Value = schema }, new() { Value = target.PartitionTable(string.Empty) } },
        };
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

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

    private static async Task CreateAsync(NpgsqlConnection connection, LayerTarget target, string like, IEnumerable<string> columns, CancellationToken cancellationToken)
    {
        var key = KeyColumn(target, columns);
        var sql = $"""
            CREATE TABLE {target.QualifiedTable} (LIKE {Sql.Qualified(target.StagingSchema, like)})
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
