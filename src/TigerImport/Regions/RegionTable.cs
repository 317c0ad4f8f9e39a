using System.Text.RegularExpressions;
using TigerImport.Database;

namespace TigerImport.Regions;

/// <summary>The application's region table: <c>region</c>, or <c>schema.table</c> when it is not on the search path.</summary>
public sealed partial record RegionTable(string? Schema, string Name)
{
    public const string Default = "region";

    /// <summary>The table as SQL, each part quoted.</summary>
    public string Qualified => Schema is null ? Sql.Identifier(Name) : Sql.Qualified(Schema, Name);

    /// <summary>Reads <c>--region-table</c>: one or two plain identifiers; anything else is a usage error.</summary>
    public static RegionTable Parse(string? text)
    {
        var match = Pattern().Match(text ?? "");
        if (!match.Success)
        {
            throw new TigerImportException(FailureKind.Usage, $"--region-table (TIGER_REGION_TABLE) must be a table name or schema.table of letters, digits and _; got '{text}'.");
        }

        return new RegionTable(match.Groups["schema"].Success ? match.Groups["schema"].Value : null, match.Groups["name"].Value);
    }

    public override string ToString() => Schema is null ? Name : $"{Schema}.{Name}";

    [GeneratedRegex("^((?<schema>[A-Za-z_][A-Za-z0-9_]{0,62})\\.)?(?<name>[A-Za-z_][A-Za-z0-9_]{0,62})$")]
    private static partial Regex Pattern();
}
