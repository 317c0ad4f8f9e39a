using Npgsql;
using TigerImport.Database;

namespace TigerImport.Load;

/// <summary>
/// One partition being built: a plain table shaped like the published one with the partition's CHECK constraint (so
/// ATTACH needs no scan), loaded by COPY, then given indexes named after it (so ATTACH adopts them instead of building).
/// </summary>
public sealed class StagingTable
{
    private StagingTable(LayerTarget target, string part)
    {
        Target = target;
        Part = part;
        Name = target.PartitionTable(part);
    }

    public LayerTarget Target { get; }

    /// <summary>"us" or a state FIPS code.</summary>
    public string Part { get; }

    /// <summary>The partition table's name (the same in every schema).</summary>
    public string Name { get; }

    public string Qualified => Sql.Qualified(Target.StagingSchema, Name);

    /// <summary>The staging table's columns and types, kept in step with what this object adds.</summary>
    public IReadOnlyDictionary<string, string> ColumnTypes => columnTypes;

    private readonly Dictionary<string, string> columnTypes = new(StringComparer.Ordinal);

    /// <summary>
    /// Creates an empty staging table, dropping what a crashed run may have left under the same name. A column the
    /// published table already has keeps its type there; a new one gets the type the file asks for. In the caller's
    /// transaction, so the first COPY into it can be a COPY FREEZE (<see cref="FeatureCopier"/>).
    /// </summary>
    public static async Task<StagingTable> CreateAsync(
        NpgsqlConnection connection, LayerTarget target, string part, IReadOnlyList<LayerColumn> fileColumns, IReadOnlyDictionary<string, string> publishedTypes, CancellationToken cancellationToken)
    {
        var staging = new StagingTable(target, part);
        foreach (var column in fileColumns)
        {
            staging.columnTypes[column.Name] = publishedTypes.GetValueOrDefault(column.Name, column.PgType);
        }

        // The partition's CHECK from the start: COPY checks each row as it arrives (instead of a scan of the whole
        // table after it), and ATTACH, finding it, needs no scan either.
        var partKey = $"left({LayerTarget.ScopeColumn}, 2)";
        var definitions = staging.columnTypes.Select(c => $"{Sql.Identifier(c.Key)} {c.Value}")
            .Concat(target.HasGeometry ? [$"{LayerTarget.GeometryColumn} geometry({target.GeometryType}, {target.Srid})"] : [])
            .Append($"{LayerTarget.ScopeColumn} text NOT NULL")
            .Append($"CONSTRAINT {Sql.Identifier(staging.Name + "_part")} CHECK ({partKey} IS NOT NULL AND {partKey} = {Sql.Literal(part)})");
        await Db.ExecuteAsync(
            connection,
            $"""
            DROP TABLE IF EXISTS {staging.Qualified};
            CREATE TABLE {staging.Qualified} ({string.Join(", ", definitions)}) WITH (autovacuum_enabled = false);
            """,
            cancellationToken);
        return staging;
    }

    /// <summary>Adds the columns a later file of the partition has and the earlier ones did not (schema drift within a vintage); returns their names.</summary>
    public async Task<IReadOnlyList<string>> AddColumnsAsync(
        NpgsqlConnection connection, IReadOnlyList<LayerColumn> fileColumns, IReadOnlyDictionary<string, string> publishedTypes, CancellationToken cancellationToken)
    {
        var added = new List<string>();
        foreach (var column in fileColumns.Where(c => !columnTypes.ContainsKey(c.Name)))
        {
            var type = publishedTypes.GetValueOrDefault(column.Name, column.PgType);
            await Db.ExecuteAsync(connection, $"ALTER TABLE {Qualified} ADD COLUMN {Sql.Identifier(column.Name)} {type}", cancellationToken);
            columnTypes[column.Name] = type;
            added.Add(column.Name);
        }

        return added;
    }

    /// <summary>
    /// Copies the published rows of the scopes this run does not reload (the other counties of a state when
    /// <c>--counties</c> narrowed a county-based layer), so publishing the partition replaces only what was asked.
    /// </summary>
    public async Task<long> CarryOverAsync(NpgsqlConnection connection, IReadOnlyCollection<string> reloadedScopes, CancellationToken cancellationToken)
    {
        var published = Sql.Qualified(Target.Schema, Name);
        if (!await Db.ExistsAsync(connection, published, cancellationToken))
        {
            return 0;
        }

        var publishedColumns = await PgCatalog.ColumnTypesAsync(connection, Target.Schema, Name, cancellationToken);
        var columns = string.Join(", ", columnTypes.Keys.Where(publishedColumns.ContainsKey).Concat(Target.OwnColumns).Select(Sql.Identifier));
        return await Db.ExecuteAsync(
            connection,
            $"INSERT INTO {Qualified} ({columns}) SELECT {columns} FROM {published} WHERE {LayerTarget.ScopeColumn} <> ALL($1)",
            cancellationToken,
            (object)reloadedScopes.ToArray()); // one array parameter, not params spread over its items
    }

    /// <summary>
    /// The GiST index on the geometry (fillfactor 100: the data is read-only), named after the partition so ATTACH
    /// adopts it. The longest step after the COPY, so the caller runs it on a connection of its own. An attribute-only
    /// table has none.
    /// </summary>
    public Task IndexGeometryAsync(NpgsqlConnection connection, CancellationToken cancellationToken) =>
        !Target.HasGeometry ? Task.CompletedTask : BuildIndexAsync(
            connection,
            $"CREATE INDEX {Sql.Identifier(Name + "_geom")} ON {Qualified} USING gist ({LayerTarget.GeometryColumn}) WITH (fillfactor = 100)",
            cancellationToken);

    /// <summary>The index on the layer's key (GEOID, TLID…), when the table has one.</summary>
    public Task IndexKeyAsync(NpgsqlConnection connection, CancellationToken cancellationToken) =>
        Target.KeyColumn(columnTypes.Keys) is { } key
            ? BuildIndexAsync(connection, $"CREATE INDEX {Sql.Identifier(Name + "_key")} ON {Qualified} ({Sql.Identifier(key)}) WITH (fillfactor = 100)", cancellationToken)
            : Task.CompletedTask;

    /// <summary>
    /// The server memory each index build may sort in (<c>maintenance_work_mem</c>). Both builds sort: the btree
    /// always, the GiST too since PostGIS's geometry opclass has sortsupport (PostgreSQL 15+ then builds it sorted,
    /// bottom-up: 2.2× faster than the buffered build on the 100 MB EDGES set). The GiST sort takes ~83 bytes a row
    /// (measured with <c>trace_sort</c>), so PostgreSQL's default 64 MB holds ~800,000 rows and this ~3 million, a
    /// large state's EDGES partition; past it the sort spills to disk, which costs little more. It is the database's
    /// memory, not the task's: the fan-out's 4 children × 2 lanes × 2 builds stay within a db.m6g.large's 8 GB.
    /// </summary>
    internal const string IndexBuildMemory = "256MB";

    /// <summary>
    /// One CREATE INDEX in a transaction of its own, with <see cref="IndexBuildMemory"/> set for it alone (SET LOCAL, a
    /// statement of its own, so the build shows as itself in <c>pg_stat_activity</c>).
    /// </summary>
    private static async Task BuildIndexAsync(NpgsqlConnection connection, string createIndex, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await Db.ExecuteAsync(connection, $"SET LOCAL maintenance_work_mem = '{IndexBuildMemory}'", cancellationToken);
        await Db.ExecuteAsync(connection, createIndex, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Statistics, last, as osm2pgsql does after its indexes; from here on autovacuum looks after the table.</summary>
    public Task AnalyzeAsync(NpgsqlConnection connection, CancellationToken cancellationToken) =>
        Db.ExecuteAsync(connection, $"ALTER TABLE {Qualified} RESET (autovacuum_enabled); ANALYZE {Qualified};", cancellationToken);

    /// <summary>
    /// Drops the staging partitions of the layer's table that a run left (a crash, a SIGKILL, an OOM kill), each only
    /// if <paramref name="unlessInUse"/> finds no running import on that partition (runs on other states of the layer
    /// may be building theirs right now) and runs the drop. Returns the names dropped.
    /// </summary>
    public static async Task<IReadOnlyList<string>> DropLeftoversAsync(
        NpgsqlConnection connection, LayerTarget target, Func<string, Func<Task>, Task<bool>> unlessInUse, CancellationToken cancellationToken)
    {
        var prefix = target.PartitionTable(string.Empty);
        var dropped = new List<string>();
        foreach (var name in await PgCatalog.PartitionTablesAsync(connection, target, target.StagingSchema, cancellationToken))
        {
            if (await unlessInUse(name[prefix.Length..], () => Db.ExecuteAsync(connection, $"DROP TABLE IF EXISTS {Sql.Qualified(target.StagingSchema, name)}", cancellationToken)))
            {
                dropped.Add(name);
            }
        }

        return dropped;
    }

    public Task DropAsync(NpgsqlConnection connection, CancellationToken cancellationToken) =>
        Db.ExecuteAsync(connection, $"DROP TABLE IF EXISTS {Qualified}", cancellationToken);
}
