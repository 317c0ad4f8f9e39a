using System.Text.RegularExpressions;
using NetTopologySuite.IO.Esri.Dbf;
using NetTopologySuite.IO.Esri.Dbf.Fields;
using TigerImport.Database;

namespace TigerImport.Load;

/// <summary>
/// DBF fields → typed columns. Codes stay text whatever the DBF says (a leading zero is data); integers by width
/// (ALAND/AWATER, N(14,0), need bigint); decimals as numeric, exact as the DBF's text; D → date; L → boolean.
/// </summary>
public static partial class ColumnMapper
{
    /// <summary>Names the importer writes itself; a DBF field with one of them cannot be loaded.</summary>
    public static readonly IReadOnlySet<string> ReservedNames = new HashSet<string>(StringComparer.Ordinal) { LayerTarget.GeometryColumn, LayerTarget.ScopeColumn };

    public static IReadOnlyList<LayerColumn> Map(DbfFieldCollection fields, string fileName)
    {
        var columns = new List<LayerColumn>(fields.Count);
        for (var i = 0; i < fields.Count; i++)
        {
            var field = fields[i];
            var name = field.Name.Trim().ToLowerInvariant();
            if (ReservedNames.Contains(name) || columns.Any(c => c.Name == name))
            {
                throw new TigerImportException(FailureKind.Data, $"{fileName}: field {field.Name} clashes with another column named '{name}'.");
            }

            // A code in a number (STATEFP as N(2,0)) has lost its leading zeros, and its width says nothing of the code's.
            if (IsCodeField(field.Name) && field.FieldType != DbfType.Character)
            {
                throw new TigerImportException(
                    FailureKind.Data, $"{fileName}: field {field.Name} is {(char)field.FieldType}({field.Length},{field.NumericScale}), but Census writes its codes as text (C): a code stored as a number has lost its leading zeros.");
            }

            columns.Add(new LayerColumn(name, PgTypeOf(field), i, field.Length, field.Name.Trim()));
        }

        return columns;
    }

    /// <summary>FIPS, GNIS and GEOID codes, with or without the 10/20 vintage suffix: STATEFP, COUNTYNS, TRACTCE10, GEOIDFQ20, ZCTA5CE20.</summary>
    public static bool IsCodeField(string name) => CodeFieldPattern().IsMatch(name);

    private static string PgTypeOf(DbfField field) => field.FieldType switch
    {
        _ when IsCodeField(field.Name) => "text",
        DbfType.Character => "text",
        DbfType.Date => "date",
        DbfType.Logical => "boolean",
        DbfType.Numeric or DbfType.Float when field.NumericScale > 0 => "numeric",
        DbfType.Numeric or DbfType.Float when field.Length <= 9 => "integer",
        DbfType.Numeric or DbfType.Float when field.Length <= 18 => "bigint",
        DbfType.Numeric or DbfType.Float => "numeric",
        _ => "text",
    };

    [GeneratedRegex("^(GEOID.*|.*FP(10|20)?|.*NS(10|20)?|.*CE(10|20)?|ZCTA5CE.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex CodeFieldPattern();
}
