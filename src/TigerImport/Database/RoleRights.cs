using Npgsql;
using TigerImport.Catalog;

namespace TigerImport.Database;

/// <summary>
/// The rights a run needs, checked read-only in one query before it does anything: PostGIS (or the right to create it),
/// CREATE on the database where a schema is missing, USAGE and CREATE on the existing schemas, and ownership of the
/// bookkeeping tables and of the layer tables and partitions the run will touch, and (<c>--sync-regions</c>) the app's
/// tables and grants. The import's bootstrap stops on them, revert and prune-backups too, and <c>plan</c> lists them,
/// with the same messages (each naming the object and the fix, and docs/database-role.md).
/// </summary>
public static class RoleRights
{
    /// <summary>
    /// What the connection's role lacks for a run in <paramref name="schema"/> on <paramref name="layers"/> and <paramref name="appTables"/>;
    /// empty when nothing. A missing app table the run needs is a usage error (exit 2), thrown before the rights are read.
    /// </summary>
    public static async Task<IReadOnlyList<string>> MissingAsync(
        NpgsqlConnection connection, string schema, IReadOnlyCollection<LayerTables> layers, IReadOnlyList<AppTableRights> appTables, CancellationToken cancellationToken)
    {
        var appMessages = await MissingOnAppTablesAsync(connection, appTables, cancellationToken);
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
            SELECT 3 + o, CASE WHEN pg_has_role(n.nspowner, 'USAGE') THEN 'owned schema' ELSE 'schema' END, s, concat_ws(' and ', CASE WHEN NOT has_schema_privilege(n.oid, 'USAGE') THEN 'USAGE' END, CASE WHEN NOT has_schema_privilege(n.oid, 'CREATE') THEN 'CREATE' END)
              FROM unnest($1::text[]) WITH ORDINALITY AS t(s, o) JOIN pg_namespace n ON n.nspname = s
             WHERE NOT (has_schema_privilege(n.oid, 'USAGE') AND has_schema_privilege(n.oid, 'CREATE'))
            UNION ALL
            SELECT 10, 'owner', format('%I.%I', schemaname, tablename), tableowner::text
              FROM pg_tables
             WHERE schemaname = ANY($1) AND NOT pg_has_role(tableowner, 'USAGE')
               AND ((schemaname = $1[1] AND tablename = ANY($2))
                    OR tablename = ANY($3)
                    OR EXISTS (SELECT 1 FROM unnest($4::text[]) AS l(name) WHERE starts_with(tablename, l.name || '_p')))
            ORDER BY 1, 3
            """,
            reader => (Kind: reader.GetString(1), Name: reader.IsDBNull(2) ? null : reader.GetString(2), Detail: reader.IsDBNull(3) ? null : reader.GetString(3)),
            cancellationToken,
            schemas.ToArray(),
            new[] { TigerTables.Runs, TigerTables.Partitions, TigerTables.Rejects },
            // The parents (a publish attaches to them) and the partitions named; a layer with none named: all of them.
            layers.Select(l => l.Table).Concat(layers.SelectMany(l => l.PartitionTables)).ToArray(),
            layers.Where(l => l.Parts is null).Select(l => l.Table).ToArray());

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

        // Schemas lacking the same rights share one message (the usual case: an administrator made all three). A schema the
        // role owns already (its owner revoked its own rights) needs only the GRANT back.
        foreach (var lacking in rows.Where(r => r.Kind is "schema" or "owned schema").GroupBy(r => (Rights: r.Detail, Owned: r.Kind == "owned schema"), r => r.Name!))
        {
            var names = lacking.ToList();
            var grant = $"GRANT USAGE, CREATE ON SCHEMA {string.Join(", ", names.Select(Sql.Identifier))} TO {Sql.Identifier(role)}";
            messages.Add(
                $"The role {role} lacks {lacking.Key.Rights} on {string.Join(", ", names.Select(n => $"schema {n}"))} in database {connection.Database}: the worker creates, moves and swaps its tables in its schemas {string.Join(", ", schemas)}. "
                + (lacking.Key.Owned
                    ? $"The role owns {(names.Count == 1 ? "it" : "them")}, so it (or an administrator) runs {grant}: see docs/database-role.md."
                    : $"An administrator makes the role their owner ({string.Join("; ", names.Select(n => $"ALTER SCHEMA {Sql.Identifier(n)} OWNER TO {Sql.Identifier(role)}"))}) or runs {grant}: see docs/database-role.md."));
        }

        if (foreign.Count > 0)
        {
            messages.Add(
                $"The role {role} does not own table {string.Join(", table ", foreign.Select(t => $"{t.Table} (owned by {t.Owner})"))}, and only a table's owner may alter, move or swap it; "
                + $"an administrator runs {string.Join("; ", foreign.Select(t => $"ALTER TABLE {t.Table} OWNER TO {Sql.Readable(role)}"))} (or the worker runs as {string.Join(" or ", foreign.Select(t => t.Owner).Distinct())}). See docs/database-role.md.");
        }

        messages.AddRange(appMessages);
        return messages;
    }

    /// <summary>The published tables the planned layers go to and the partitions their files load (staged and backed up under the same names).</summary>
    public static IReadOnlyCollection<LayerTables> TablesOf(IEnumerable<LayerPlan> plans) =>
        plans.GroupBy(p => p.Vintage.TableName).Select(g => new LayerTables(g.Key, g.SelectMany(p => p.Partitions().Select(part => part.Part)).Distinct().ToList())).ToList();

    /// <summary>Stops the run with exit 5 (a database failure) naming every right the role lacks (exit 2 for a missing app table).</summary>
    public static async Task RequireAsync(
        NpgsqlConnection connection, string schema, IReadOnlyCollection<LayerTables> layers, IReadOnlyList<AppTableRights> appTables, CancellationToken cancellationToken)
    {
        if (await MissingAsync(connection, schema, layers, appTables, cancellationToken) is { Count: > 0 } missing)
        {
            throw new TigerImportException(FailureKind.Database, string.Join(" ", missing));
        }
    }

    /// <summary>The app tables' missing privileges, one message per table; throws the usage error of the first missing table the run needs.</summary>
    private static async Task<IReadOnlyList<string>> MissingOnAppTablesAsync(NpgsqlConnection connection, IReadOnlyList<AppTableRights> appTables, CancellationToken cancellationToken)
    {
        if (appTables.Count == 0)
        {
            return [];
        }

        // has_table_privilege is the table-level grant: a column grant of UPDATE does not let the sync lock the table.
        var rows = await Db.ReadAsync(
            connection,
            """
            SELECT o, to_regclass(q) IS NULL,
                   (SELECT string_agg(p, ', ' ORDER BY po) FROM unnest(string_to_array(privileges, ',')) WITH ORDINALITY AS x(p, po)
                     WHERE to_regclass(q) IS NOT NULL AND NOT has_table_privilege(to_regclass(q), p))
              FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS t(q, privileges, o)
             ORDER BY o
            """,
            reader => (Table: appTables[(int)reader.GetInt64(0) - 1], Missing: reader.GetBoolean(1), Lacking: reader.IsDBNull(2) ? null : reader.GetString(2)),
            cancellationToken,
            appTables.Select(t => t.Qualified).ToArray(),
            appTables.Select(t => string.Join(",", t.Privileges)).ToArray());
        if (rows.FirstOrDefault(r => r.Missing && r.Table.MissingMessage is not null) is { Table.MissingMessage: { } missing })
        {
            throw new TigerImportException(FailureKind.Usage, missing);
        }

        var role = connection.UserName ?? "ROLE";
        return rows.Where(r => r.Lacking is not null)
            .Select(r => $"The role {role} lacks {r.Lacking} on table {r.Table.Qualified}: {r.Table.Fix(role)}")
            .ToList();
    }

    /// <summary>CREATE SCHEMA needs CREATE on the database; without it the administrator creates the schemas for the role.</summary>
    private static string MissingSchemas(NpgsqlConnection connection, string role, IReadOnlyList<string> missing) =>
        $"{(missing.Count == 1 ? "Schema" : "Schemas")} {string.Join(", ", missing)} {(missing.Count == 1 ? "does" : "do")} not exist and the role {role} may not create {(missing.Count == 1 ? "it" : "them")}: it lacks CREATE on database {connection.Database}. "
        + $"An administrator either grants CREATE ON DATABASE {Sql.Identifier(connection.Database)} TO {Sql.Identifier(role)}, or creates the schemas for it: {string.Join("; ", missing.Select(s => $"CREATE SCHEMA {Sql.Identifier(s)} AUTHORIZATION {Sql.Identifier(role)}"))}. See docs/database-role.md.";
}
