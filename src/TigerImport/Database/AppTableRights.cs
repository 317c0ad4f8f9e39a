namespace TigerImport.Database;

/// <summary>
/// A table of the app's that a run writes after its import (<c>--sync-regions</c>: the region and stakeholder tables),
/// checked with the run's other rights before anything is loaded: the table-level privileges it needs and, for a table
/// the run cannot do without, the usage error its absence is (null: a missing table is skipped).
/// </summary>
/// <param name="Qualified">The table as SQL (each part quoted).</param>
/// <param name="Name">The table's own name, as PostgreSQL's "permission denied for table" names it.</param>
public sealed record AppTableRights(string Qualified, string Name, IReadOnlyList<string> Privileges, string? MissingMessage)
{
    /// <summary>What an administrator runs for <paramref name="role"/>, and why: the end of every message about these tables' rights.</summary>
    public string Fix(string role) =>
        "the app's tables belong to the app, and sync-regions needs rights on them (the lock it takes, SHARE ROW EXCLUSIVE, needs UPDATE); "
        + $"an administrator runs GRANT {string.Join(", ", Privileges)} ON {Qualified} TO {Sql.Readable(role)}. See docs/database-role.md.";
}
