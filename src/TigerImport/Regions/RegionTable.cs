using System.Text.RegularExpressions;
using TigerImport.Database;

namespace TigerImport.Regions;

/// <summary>A table of the application (its region or stakeholder table): <c>region</c>, or <c>schema.table</c> when it is not on the search path.</summary>
public sealed partial record RegionTable(string? Schema, string Name)
{
    public const string Default = "region";

    /// <summary>The table as SQL, each part quoted.</summary>
    public string Qualified => Schema is null ? Sql.Identifier(Name) : Sql.Qualified(Schema, Name);

    /// <summary>Reads <c>--region-table</c>: one or two plain identifiers; anything else is a usage error.</summary>
    public static RegionTable Parse(string? text) => Parse(text, "--region-table (TIGER_REGION_TABLE)");

    /// <summary>Reads a table option of the app's (<paramref name="option"/> names it in the error).</summary>
    public static RegionTable Parse(string? text, string option)
    {
        var match = Pattern().Match(text ?? "");
        if (!match.Success)
        {
            throw new TigerImportException(FailureKind.Usage, $"{option} must be a table name or schema.table of letters, digits and _; got '{text}'.");
        }

        return new RegionTable(match.Groups["schema"].Success ? match.Groups["schema"].Value : null, match.Groups["name"].Value);
    }

    public override string ToString() => Schema is null ? Name : $"{Schema}.{Name}";

    [GeneratedRegex("^((?<schema>[A-Za-z_][A-Za-z0-9_]{0,62})\\.)?(?<name>[A-Za-z_][A-Za-z0-9_]{0,62})$")]
    private static partial Regex Pattern();
}
