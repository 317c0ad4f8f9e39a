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
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await Db.ExecuteAsync(connection, "SELECT pg_advisory_xact_lock(hashtextextended('tigerimport bootstrap', 0))", cancellationToken);
        if (!await Db.ScalarAsync<bool>(connection, "SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'postgis')", cancellationToken))
        {
            await CreatePostgisAsync(connection, cancellationToken);
        }

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
                $"PostGIS is not installed in database {connection.Database} and this role may not install it ({e.MessageText}): an administrator runs CREATE EXTENSION postgis once (see docs/database-role.md).",
                e);
        }
    }
}
