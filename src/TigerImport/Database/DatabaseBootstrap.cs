using Npgsql;

namespace TigerImport.Database;

/// <summary>
/// Creates what every run needs, idempotently: the three schemas, and the run, partition and reject tables. It creates
/// only what is missing, so a role without CREATE on the database works once its schemas exist, and PostGIS is
/// created only when absent (an administrator installs it where the role may not: see docs/database-role.md). The
/// rights it needs are checked first (<see cref="RoleRights"/>).
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
        // What the role lacks is named before anything is created (the same check plan runs): a half-made bootstrap
        // would only fail later with the server's bare "permission denied".
        await RoleRights.RequireAsync(connection, schema, [], [], cancellationToken);

        // Every run after the first finds it all there: one round trip instead of the dozen of the locked creation.
        if (await IsCompleteAsync(connection, schema, cancellationToken))
        {
            return;
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await Db.ExecuteAsync(connection, "SELECT pg_advisory_xact_lock(hashtextextended('tigerimport bootstrap', 0))", cancellationToken);
        if (!await Db.ScalarAsync<bool>(connection, "SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'postgis')", cancellationToken))
        {
            await Db.ExecuteAsync(connection, "CREATE EXTENSION postgis", cancellationToken);
        }

        // Not CREATE SCHEMA IF NOT EXISTS: PostgreSQL checks CREATE on the database before it looks for the schema.
        foreach (var name in TigerTables.Schemas(schema))
        {
            if (!await Db.ScalarAsync<bool>(connection, "SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1)", cancellationToken, name))
            {
                await Db.ExecuteAsync(connection, $"CREATE SCHEMA {Sql.Identifier(name)}", cancellationToken);
            }
        }

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
    /// Whether PostGIS, the three schemas (with USAGE and CREATE on each for this role), the three tables and every added
    /// column exist (read-only, in one query): then there is nothing to create. Anything missing takes the locked path,
    /// which re-checks each under the lock and creates it.
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
}
