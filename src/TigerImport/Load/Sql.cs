namespace TigerImport.Load;

/// <summary>The one place identifiers and the few DDL literals are quoted; values otherwise always travel as parameters.</summary>
public static class Sql
{
    /// <summary>PostgreSQL truncates longer names silently, which would make two tables collide.</summary>
    private const int MaxIdentifierLength = 63;

    public static string Identifier(string name)
    {
        if (name.Length == 0 || name.Length > MaxIdentifierLength || name.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{name}' is not a usable PostgreSQL identifier (1–{MaxIdentifierLength} characters).", nameof(name));
        }

        return "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    public static string Qualified(string schema, string name) => Identifier(schema) + "." + Identifier(name);

    /// <summary>A string literal for DDL, where parameters are not allowed (CHECK constraints, partition bounds).</summary>
    public static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}
