using Microsoft.Extensions.Logging;
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
        var columns = await PgCatalog.ColumnTypesAsync(connection, target.Schema, target.Table, cancellationToken);
        if (columns.Count > 0 && !target.HasGeometry)
        {
            CheckAttributeTable(target, columns);
        }
        else if (columns.Count > 0)
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
            staged.Add((name, await PgCatalog.ColumnTypesAsync(connection, target.StagingSchema, name, cancellationToken)));
        }

        var published = await PgCatalog.ColumnTypesAsync(connection, target.Schema, target.Table, cancellationToken);
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

    /// <summary>
    /// Inside the revert transaction: drops the table's columns that no published partition's files brought (the
    /// columns a reverted publish added), so a revert restores the columns as well as the rows. A column another object
    /// depends on (a view selecting it) is kept, with a warning naming it.
    /// </summary>
    public static async Task DropColumnsNotNeededAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, LayerTarget target, IReadOnlySet<string> needed, ILogger logger, CancellationToken cancellationToken)
    {
        var unneeded = (await PgCatalog.ColumnTypesAsync(connection, target.Schema, target.Table, cancellationToken)).Keys.Where(c => !needed.Contains(c)).Order(StringComparer.Ordinal).ToList();
        var dropped = new List<string>();
        foreach (var column in unneeded)
        {
            await transaction.SaveAsync("drop_column", cancellationToken);
            try
            {
                await Db.ExecuteAsync(connection, $"ALTER TABLE {target.QualifiedTable} DROP COLUMN {Sql.Identifier(column)}", cancellationToken);
                await transaction.ReleaseAsync("drop_column", cancellationToken);
                dropped.Add(column);
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DependentObjectsStillExist)
            {
                await transaction.RollbackAsync("drop_column", cancellationToken);
                Log.RevertKeptColumn(logger, target.QualifiedTable, column, e.MessageText);
            }
        }

        if (dropped.Count > 0)
        {
            Log.RevertDroppedColumns(logger, target.QualifiedTable, string.Join(", ", dropped));
        }
    }

    private static async Task CreateAsync(NpgsqlConnection connection, LayerTarget target, string like, IEnumerable<string> columns, CancellationToken cancellationToken)
    {
        var key = target.KeyColumn(columns);
        var sql = $"""
            CREATE TABLE {target.QualifiedTable} (LIKE {Sql.Qualified(target.StagingSchema, like)})
                PARTITION BY LIST ((left({LayerTarget.ScopeColumn}, 2)));
            {(target.HasGeometry ? $"CREATE INDEX {Sql.Identifier(target.Table + "_geom")} ON {target.QualifiedTable} USING gist ({LayerTarget.GeometryColumn});" : "")}
            {(key is null ? "" : $"CREATE INDEX {Sql.Identifier(target.Table + "_key")} ON {target.QualifiedTable} ({Sql.Identifier(key)});")}
            COMMENT ON TABLE {target.QualifiedTable} IS {Sql.Literal($"TIGER/Line {target.Vintage.Layer.Key} {target.Vintage.Year} ({target.Vintage.Layer.Description}), loaded by tigerimport; partitioned by state")};
            """;
        await Db.ExecuteAsync(connection, sql, cancellationToken);
    }

    /// <summary>An attribute-only table made by tigerimport has the scope column and no geometry column.</summary>
    private static void CheckAttributeTable(LayerTarget target, IReadOnlyDictionary<string, string> columns)
    {
        if (!columns.ContainsKey(LayerTarget.ScopeColumn))
        {
            throw new TigerImportException(FailureKind.Usage, $"{target.Schema}.{target.Table} exists but was not made by tigerimport (no {LayerTarget.ScopeColumn} column): choose another --schema.");
        }

        if (columns.ContainsKey(LayerTarget.GeometryColumn))
        {
            throw new TigerImportException(FailureKind.Usage, $"{target.Schema}.{target.Table} has a {LayerTarget.GeometryColumn} column, but {target.Vintage.Layer.Key} is an attribute-only table: it was not made by this version of tigerimport; choose another --schema.");
        }
    }

    private static async Task CheckGeometryAsync(NpgsqlConnection connection, LayerTarget target, CancellationToken cancellationToken)
    {
        const string sql = "SELECT type, srid FROM geometry_columns WHERE f_table_schema = $1 AND f_table_name = $2 AND f_geometry_column = $3";
        var geometry = await Db.ReadAsync(connection, sql, r => (Type: r.GetString(0), Srid: r.GetInt32(1)), cancellationToken, target.Schema, target.Table, LayerTarget.GeometryColumn);
        if (geometry.Count == 0)
        {
            throw new TigerImportException(FailureKind.Usage, $"{target.Schema}.{target.Table} exists but was not made by tigerimport (no {LayerTarget.GeometryColumn} column): choose another --schema.");
        }

        var (type, srid) = geometry[0];
        if (!string.Equals(type, target.GeometryType, StringComparison.OrdinalIgnoreCase) || srid != target.Srid)
        {
            throw new TigerImportException(FailureKind.Usage, $"{target.Schema}.{target.Table} holds {type} in SRID {srid}; this run writes {target.GeometryType} in SRID {target.Srid}. Load into another --schema, or use --srid {srid}.");
        }
    }
}
