using System.Text.RegularExpressions;
using NetTopologySuite.IO.Esri.Dbf.Fields;

namespace TigerImport.Import.Policies;

/// <summary>Finds a TIGER field by its plain name or a vintage-suffixed one (<c>ALAND</c>, <c>ALAND10</c>, <c>ALAND20</c>).</summary>
internal static class FieldLookup
{
    /// <summary>The field's index: the plain name when the file has it, else the suffixed one with the latest suffix.</summary>
    public static int? Find(DbfFieldCollection fields, string name)
    {
        var pattern = new Regex($"^{name}([0-9]{{2}})?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        return Enumerable.Range(0, fields.Count)
            .Where(i => pattern.IsMatch(fields[i].Name))
            .OrderBy(i => fields[i].Name.Length)
            .ThenByDescending(i => fields[i].Name, StringComparer.OrdinalIgnoreCase)
            .Select(i => (int?)i)
            .FirstOrDefault();
    }

    /// <summary>Whether the file has the field under exactly this name (<c>GEOID10</c>), any case.</summary>
    public static bool Has(DbfFieldCollection fields, string exactName) =>
        Enumerable.Range(0, fields.Count).Any(i => fields[i].Name.Equals(exactName, StringComparison.OrdinalIgnoreCase));
}
