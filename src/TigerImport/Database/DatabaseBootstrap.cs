using Npgsql;

namespace TigerImport.Database;

/// <summary>
/// Creates what every run needs, idempotently: the three schemas, and the run, partition and reject tables. It creates
/// only what is missing, so a role without CREATE on the database works once its schemas exist, and PostGIS is
/// created only when absent (an administrator installs it where the role may not: see docs/database-role.md).
/// </summary>
public static class DatabaseBootstrap
{
    /// <summary>Columns added since the tables were first made (lineage, exit code): a database bootstrapped by an older worker gets them.</summary>
    private static readonly (string Table, string Column, string Type)[] AddedColumns =
    [
        (TigerTables.Runs, "exit_code", "integer"),
        (TigerTables.Runs, "worker_version", "text"),
        (TigerTables.Partitions, "lineage", "jsonb"),
        (TigerTables.Partitions, "plan", "jsonb"),
        (TigerTables.Partitions, "columns", "text[]"),
    ];

    public static async Task EnsureAsync(NpgsqlConnection connection, string schema, CancellationToken cancellationToken)
    {
        // Every run after the first finds it all there: one round trip instead of the dozen of the locked creation.
        if (await IsCompleteAsync(connection, schema, cancellationToken))
        {
            return;
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await Db.ExecuteAsync(connection, "SELECT pg_advisory_xact_lock(hashtextextended('tigerimport bootstrap', 0))", cancellationToken);
        if (!await Db.ScalarAsync<bool>(connection, "SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'postgis')", cancellationToken))
        {
            await CreatePostgisAsync(connection, cancellationToken);
        }

        var schemas = TigerTables.Schemas(schema);
        foreach (var name in schemas)
        {
            if (!await Db.ScalarAsync<bool>(connection, "SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1)", cancellationToken, name))
            {
                await CreateSchemaAsync(connection, name, schemas, cancellationToken);
                continue;
            }

            var missing = await Db.ScalarAsync<string>(
                connection,
                "SELECT concat_ws(' and ', CASE WHEN NOT has_schema_privilege($1, 'USAGE') THEN 'USAGE' END, CASE WHEN NOT has_schema_privilege($1, 'CREATE') THEN 'CREATE' END)",
                cancellationToken,
                name);
            if (missing is { Length: > 0 })
            {
                throw new TigerImportException(
                    FailureKind.Database,
                    $"The role {connection.UserName} lacks {missing} on schema {name} in database {connection.Database}: the worker creates, moves and swaps its tables in its schemas {string.Join(", ", schemas)}. "
                    + $"An administrator makes the role their owner (ALTER SCHEMA {Sql.Identifier(name)} OWNER TO {Sql.Identifier(connection.UserName ?? "ROLE")}) or grants USAGE, CREATE ON SCHEMA {Sql.Identifier(name)}: see docs/database-role.md.");
            }
        }

        await RequireOwnedBookkeepingAsync(connection, schema, cancellationToken);
        var (runs, partitions, rejects) = (TigerTables.RunsIn(schema), TigerTables.PartitionsIn(schema), TigerTables.RejectsIn(schema));
        var sql = $"""
            CREATE TABLE IF NOT EXISTS {runs} (
                run_id uuid PRIMARY KEY,
                command text NOT NULL,
                started_at timestamptz NOT NULL DEFAULT now(),
                finished_at timestamptz,
                status text NOT NULL,
                request jsonb,
                summary jsonb,
                exit_code integer,
                worker_version text);
            CREATE TABLE IF NOT EXISTS {partitions} (
                table_name text NOT NULL,
                part text NOT NULL,
                slot text NOT NULL,
                layer text NOT NULL,
                year integer NOT NULL,
                files text[] NOT NULL,
                features bigint NOT NULL,
                repaired bigint NOT NULL,
                rejected bigint NOT NULL,
                run_id uuid NOT NULL,
                loaded_at timestamptz NOT NULL DEFAULT now(),
                lineage jsonb,
                plan jsonb,
                columns text[],
                PRIMARY KEY (table_name, part, slot));
            CREATE TABLE IF NOT EXISTS {rejects} (
                run_id uuid NOT NULL,
                table_name text NOT NULL,
                file_name text NOT NULL,
                record_number integer NOT NULL,
                reason text NOT NULL,
                geom geometry,
                shape bytea,
                attributes jsonb,
                rejected_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (run_id, file_name, record_number));
            ALTER TABLE {rejects} ADD COLUMN IF NOT EXISTS shape bytea;
            """;
        await Db.ExecuteAsync(connection, sql, cancellationToken);
        foreach (var (table, column, type) in AddedColumns)
        {
            if (!await Db.ScalarAsync<bool>(
                    connection, "SELECT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass($1) AND attname = $2 AND NOT attisdropped)", cancellationToken, Sql.Qualified(schema, table), column))
            {
                await Db.ExecuteAsync(connection, $"ALTER TABLE {Sql.Qualified(schema, table)} ADD COLUMN {Sql.Identifier(column)} {type}", cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// A bookkeeping table someone else made (an administrator's restore, a second role) is named with its schema, its
    /// owner and the statement that fixes it, before the worker's ALTER TABLE fails with the server's unqualified
    /// "must be owner of table …".
    /// </summary>
    private static async Task RequireOwnedBookkeepingAsync(NpgsqlConnection connection, string schema, CancellationToken cancellationToken)
    {
        var foreign = await Db.ReadAsync(
            connection,
            "SELECT format('%I.%I', schemaname, tablename), tableowner FROM pg_tables WHERE schemaname = $1 AND tablename = ANY($2) AND NOT pg_has_role(tableowner, 'USAGE') ORDER BY tablename",
            reader => (Table: reader.GetString(0), Owner: reader.GetString(1)),
            cancellationToken,
            schema,
            new[] { TigerTables.Runs, TigerTables.Partitions, TigerTables.Rejects });
        if (foreign.Count > 0)
        {
            var role = Sql.Readable(connection.UserName ?? "ROLE");
            throw new TigerImportException(
                FailureKind.Database,
                $"The role {connection.UserName} does not own table {string.Join(", table ", foreign.Select(t => $"{t.Table} (owned by {t.Owner})"))}, and only a table's owner may alter it; "
                + $"an administrator runs {string.Join("; ", foreign.Select(t => $"ALTER TABLE {t.Table} OWNER TO {role}"))} (or drops it). See docs/database-role.md.");
        }
    }

    /// <summary>CREATE SCHEMA needs CREATE on the database; without it the administrator creates the three schemas for the role.</summary>
    private static async Task CreateSchemaAsync(NpgsqlConnection connection, string name, IReadOnlyList<string> schemas, CancellationToken cancellationToken)
    {
        try
        {
            await Db.ExecuteAsync(connection, $"CREATE SCHEMA {Sql.Identifier(name)}", cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.InsufficientPrivilege)
        {
            var role = Sql.Identifier(connection.UserName ?? "ROLE");
            throw new TigerImportException(
                FailureKind.Database,
                $"Schema {name} does not exist and the role {connection.UserName} may not create it: it lacks CREATE on database {connection.Database} ({e.MessageText}, SQLSTATE {e.SqlState}). "
                + $"An administrator either grants CREATE ON DATABASE {Sql.Identifier(connection.Database)} TO {role}, or creates the schemas for it: {string.Join("; ", schemas.Select(s => $"CREATE SCHEMA {Sql.Identifier(s)} AUTHORIZATION {role}"))}. See docs/database-role.md.",
                e);
        }
    }

    /// <summary>
    /// Whether PostGIS, the three schemas (with USAGE and CREATE on each for this role), the three tables and every added
    /// column exist (read-only, in one query): then there is nothing to create or report. Anything missing takes the
    /// locked path, which re-checks each under the lock and names what the role lacks.
    /// </summary>
    private static async Task<bool> IsCompleteAsync(NpgsqlConnection connection, string schema, CancellationToken cancellationToken)
    {
        // A column of each table, then every added one.
        (string Table, string Column)[] wanted =
        [
            (TigerTables.Runs, "run_id"), (TigerTables.Partitions, "table_name"), (TigerTables.Rejects, "shape"),
            .. AddedColumns.Select(c => (c.Table, c.Column)),
        ];
        return await Db.ScalarAsync<bool>(
            connection,
            """
            SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'postgis')
               AND (SELECT count(*) FROM pg_namespace WHERE nspname = ANY($1) AND has_schema_privilege(oid, 'USAGE') AND has_schema_privilege(oid, 'CREATE')) = cardinality($1)
               AND (SELECT bool_and(EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass(t.name) AND attname = t.col AND NOT attisdropped))
                    FROM unnest($2::text[], $3::text[]) AS t(name, col))
            """,
            cancellationToken,
            TigerTables.Schemas(schema).ToArray(),
            wanted.Select(w => Sql.Qualified(schema, w.Table)).ToArray(),
            wanted.Select(w => w.Column).ToArray());
    }

    /// <summary>PostGIS is not a trusted extension: only a superuser (RDS: rds_superuser) can create it.</summary>
    private static async Task CreatePostgisAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            await Db.ExecuteAsync(connection, "CREATE EXTENSION postgis", cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.InsufficientPrivilege)
        {
            throw new TigerImportException(
                FailureKind.Database,
                $"PostGIS is not installed in database {connection.Database} and the role {connection.UserName} may not install it ({e.MessageText}, SQLSTATE {e.SqlState}): PostGIS is not a trusted extension, so only a superuser (RDS: a member of rds_superuser) may create it. An administrator runs CREATE EXTENSION postgis once in that database: see docs/database-role.md.",
                e);
        }
    }
}
