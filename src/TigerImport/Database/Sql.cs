using System.Text;

namespace TigerImport.Database;

/// <summary>The one place identifiers and the few DDL literals are quoted; values otherwise always travel as parameters.</summary>
public static class Sql
{
    /// <summary>PostgreSQL cuts longer names (in bytes, not characters) silently, which would make two tables collide.</summary>
    private const int MaxIdentifierBytes = 63;

    /// <summary>The longest suffix a schema gets: <c>{schema}_staging</c> and <c>{schema}_backup</c> must fit too.</summary>
    private const string LongestSchemaSuffix = TigerTables.StagingSuffix;

    public static string Identifier(string name)
    {
        if (name.Length == 0 || Encoding.UTF8.GetByteCount(name) > MaxIdentifierBytes || name.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{name}' is not a usable PostgreSQL identifier (1–{MaxIdentifierBytes} bytes in UTF-8).", nameof(name));
        }

        return "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>A name as an operator types it in a statement to paste: bare when PostgreSQL reads it unquoted (lower case letters, digits, _), else quoted.</summary>
    public static string Readable(string name) =>
        System.Text.RegularExpressions.Regex.IsMatch(name, "^[a-z_][a-z0-9_]*$") ? name : Identifier(name);

    public static string Qualified(string schema, string name) => Identifier(schema) + "." + Identifier(name);

    /// <summary>A string literal for DDL, where parameters are not allowed (CHECK constraints, partition bounds).</summary>
    public static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>
    /// Why <paramref name="schema"/> cannot be a target schema, or null when it can: PostgreSQL reserves <c>pg_*</c> and
    /// <c>information_schema</c>, and the staging and backup twins derived from it must fit in 63 bytes too.
    /// </summary>
    public static string? SchemaProblem(string schema)
    {
        var room = MaxIdentifierBytes - Encoding.UTF8.GetByteCount(LongestSchemaSuffix);
        return schema switch
        {
            { Length: 0 } => "--schema (TIGER_SCHEMA) must not be empty.",
            _ when schema.Any(char.IsControl) => "--schema (TIGER_SCHEMA) must not contain control characters.",
            _ when schema.StartsWith("pg_", StringComparison.OrdinalIgnoreCase) || schema.Equals("information_schema", StringComparison.OrdinalIgnoreCase)
                => $"--schema '{schema}' is reserved by PostgreSQL (pg_*, information_schema): choose another name, e.g. tiger.",
            _ when Encoding.UTF8.GetByteCount(schema) > room
                => $"--schema '{schema}' is {Encoding.UTF8.GetByteCount(schema)} bytes in UTF-8; at most {room} fit, since '{schema}{LongestSchemaSuffix}' must stay within PostgreSQL's {MaxIdentifierBytes}-byte names: choose a shorter name.",
            _ => null,
        };
    }
}
