using Npgsql;
using TigerImport.Catalog;

namespace TigerImport.Database;

/// <summary>
/// The rights a run needs, checked read-only in one query before it does anything: PostGIS (or the right to create it),
/// CREATE on the database where a schema is missing, USAGE and CREATE on the existing schemas, and ownership of the
/// bookkeeping tables and of the layer tables the run will touch. The import's bootstrap stops on them and
/// <c>plan</c> lists them, with the same messages (each naming the object and the fix, and docs/database-role.md).
/// </summary>
public static class RoleRights
{
    /// <summary>What the connection's role lacks for a run in <paramref name="schema"/> on <paramref name="layerTables"/> (published table names); empty when nothing.</summary>
    public static async Task<IReadOnlyList<string>> MissingAsync(
        NpgsqlConnection connection, string schema, IReadOnlyCollection<string> layerTables, CancellationToken cancellationToken)
    {
        var schemas = TigerTables.Schemas(schema);
        // One row per problem, in the order the bootstrap would meet them. pg_has_role(owner, 'USAGE') is the owner test
        // ALTER TABLE makes (the role or one it inherits); PostGIS is not a trusted extension, so only a superuser (RDS:
        // rds_superuser) may create it.
        var rows = await Db.ReadAsync(
            connection,
            """
            SELECT 1, 'postgis', NULL, NULL
             WHERE NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'postgis')
               AND NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
               AND NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'rds_superuser' AND pg_has_role(oid, 'MEMBER'))
            UNION ALL
            SELECT 2, 'database', string_agg(s, ',' ORDER BY o), NULL
              FROM unnest($1::text[]) WITH ORDINALITY AS t(s, o)
             WHERE NOT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = s) AND NOT has_database_privilege(current_database(), 'CREATE')
            HAVING count(*) > 0
            UNION ALL
            SELECT 3 + o, 'schema', s, concat_ws(' and ', CASE WHEN NOT has_schema_privilege(n.oid, 'USAGE') THEN 'USAGE' END, CASE WHEN NOT has_schema_privilege(n.oid, 'CREATE') THEN 'CREATE' END)
              FROM unnest($1::text[]) WITH ORDINALITY AS t(s, o) JOIN pg_namespace n ON n.nspname = s
             WHERE NOT (has_schema_privilege(n.oid, 'USAGE') AND has_schema_privilege(n.oid, 'CREATE'))
            UNION ALL
            SELECT 10, 'owner', format('%I.%I', schemaname, tablename), tableowner::text
              FROM pg_tables
             WHERE schemaname = ANY($1) AND NOT pg_has_role(tableowner, 'USAGE')
               AND ((schemaname = $1[1] AND tablename = ANY($2))
                    OR EXISTS (SELECT 1 FROM unnest($3::text[]) AS l(name) WHERE tablename = l.name OR starts_with(tablename, l.name || '_p')))
            ORDER BY 1, 3
            """,
            reader => (Kind: reader.GetString(1), Name: reader.IsDBNull(2) ? null : reader.GetString(2), Detail: reader.IsDBNull(3) ? null : reader.GetString(3)),
            cancellationToken,
            schemas.ToArray(),
            new[] { TigerTables.Runs, TigerTables.Partitions, TigerTables.Rejects },
            layerTables.ToArray());

        var role = connection.UserName ?? "ROLE";
        var messages = new List<string>();
        var foreign = rows.Where(r => r.Kind == "owner").Select(r => (Table: r.Name!, Owner: r.Detail!)).ToList();
        foreach (var row in rows.Where(r => r.Kind is "postgis" or "database"))
        {
            messages.Add(row.Kind == "postgis"
                ? $"PostGIS is not installed in database {connection.Database} and the role {role} may not install it: PostGIS is not a trusted extension, so only a superuser (RDS: a member of rds_superuser) may create it. "
                    + "An administrator runs CREATE EXTENSION postgis once in that database: see docs/database-role.md."
                : MissingSchemas(connection, role, row.Name!.Split(',')));
        }

        // Schemas lacking the same rights share one message (the usual case: an administrator made all three).
        foreach (var lacking in rows.Where(r => r.Kind == "schema").GroupBy(r => r.Detail, r => r.Name!))
        {
            var names = lacking.ToList();
            messages.Add(
                $"The role {role} lacks {lacking.Key} on {string.Join(", ", names.Select(n => $"schema {n}"))} in database {connection.Database}: the worker creates, moves and swaps its tables in its schemas {string.Join(", ", schemas)}. "
                + $"An administrator makes the role their owner ({string.Join("; ", names.Select(n => $"ALTER SCHEMA {Sql.Identifier(n)} OWNER TO {Sql.Identifier(role)}"))}) "
                + $"or runs GRANT USAGE, CREATE ON SCHEMA {string.Join(", ", names.Select(Sql.Identifier))} TO {Sql.Identifier(role)}: see docs/database-role.md.");
        }

        if (foreign.Count > 0)
        {
            messages.Add(
                $"The role {role} does not own table {string.Join(", table ", foreign.Select(t => $"{t.Table} (owned by {t.Owner})"))}, and only a table's owner may alter, move or swap it; "
                + $"an administrator runs {string.Join("; ", foreign.Select(t => $"ALTER TABLE {t.Table} OWNER TO {Sql.Readable(role)}"))} (or the worker runs as {string.Join(" or ", foreign.Select(t => t.Owner).Distinct())}). See docs/database-role.md.");
        }

        return messages;
    }

    /// <summary>The published tables the planned layers go to (their partitions, staged and backed up, share the name).</summary>
    public static IReadOnlyCollection<string> TablesOf(IEnumerable<LayerPlan> plans) => plans.Select(p => p.Vintage.TableName).Distinct().ToList();

    /// <summary>Stops the run with exit 5 (a database failure) naming every right the role lacks.</summary>
    public static async Task RequireAsync(NpgsqlConnection connection, string schema, IReadOnlyCollection<string> layerTables, CancellationToken cancellationToken)
    {
        if (await MissingAsync(connection, schema, layerTables, cancellationToken) is { Count: > 0 } missing)
        {
            throw new TigerImportException(FailureKind.Database, string.Join(" ", missing));
        }
    }

    /// <summary>CREATE SCHEMA needs CREATE on the database; without it the administrator creates the schemas for the role.</summary>
    private static string MissingSchemas(NpgsqlConnection connection, string role, IReadOnlyList<string> missing) =>
        $"{(missing.Count == 1 ? "Schema" : "Schemas")} {string.Join(", ", missing)} {(missing.Count == 1 ? "does" : "do")} not exist and the role {role} may not create {(missing.Count == 1 ? "it" : "them")}: it lacks CREATE on database {connection.Database}. "
        + $"An administrator either grants CREATE ON DATABASE {Sql.Identifier(connection.Database)} TO {Sql.Identifier(role)}, or creates the schemas for it: {string.Join("; ", missing.Select(s => $"CREATE SCHEMA {Sql.Identifier(s)} AUTHORIZATION {Sql.Identifier(role)}"))}. See docs/database-role.md.";
}
