using Npgsql;

namespace TigerImport.Load;

/// <summary>Creates what every run needs, idempotently: PostGIS, the three schemas, and the run, partition and reject tables.</summary>
public static class DatabaseBootstrap
{
    public static async Task EnsureAsync(NpgsqlConnection connection, string schema, CancellationToken cancellationToken)
    {
        var s = Sql.Identifier(schema);
        var sql = $"""
            SELECT pg_advisory_xact_lock(hashtextextended('tigerimport bootstrap', 0));
            CREATE EXTENSION IF NOT EXISTS postgis;
            CREATE SCHEMA IF NOT EXISTS {s};
            CREATE SCHEMA IF NOT EXISTS {Sql.Identifier(schema + "_staging")};
            CREATE SCHEMA IF NOT EXISTS {Sql.Identifier(schema + "_backup")};
            CREATE TABLE IF NOT EXISTS {s}.tiger_runs (
                run_id uuid PRIMARY KEY,
                command text NOT NULL,
                started_at timestamptz NOT NULL DEFAULT now(),
                finished_at timestamptz,
                status text NOT NULL,
                request jsonb,
                summary jsonb);
            CREATE TABLE IF NOT EXISTS {s}.tiger_partitions (
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
                PRIMARY KEY (table_name, part, slot));
            CREATE TABLE IF NOT EXISTS {s}.tiger_rejects (
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
            ALTER TABLE {s}.tiger_rejects ADD COLUMN IF NOT EXISTS shape bytea;
            """;
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand(sql, connection, transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
