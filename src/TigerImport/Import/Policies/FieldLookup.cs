using System.Text.RegularExpressions;
using NetTopologySuite.IO.Esri.Dbf.Fields;

namespace TigerImport.Import.Policies;

/// <summary>Finds a TIGER field by its plain name or a vintage-suffixed one (<c>ALAND</c>, <c>ALAND10</c>, <c>ALAND20</c>).</summary>
internal static class FieldLookup
{
    /// <summary>
    /// The field's index in a file of vintage <paramref name="year"/>: the plain name when the file has it, else the
    /// vintage's own decade form (<c>STATEFP20</c> from 2020, <c>STATEFP10</c> before), else another suffixed one, the
    /// latest first. A 2020 FACES file has only <c>COUNTYFP10</c> and <c>COUNTYFP20</c>, and the 2010 code of a face
    /// near a boundary that moved is not the file's county: the older decade's field is never read when the vintage's
    /// own is there.
    /// </summary>
    public static int? Find(DbfFieldCollection fields, string name, int year)
    {
        var pattern = new Regex($"^{name}([0-9]{{2}})?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        var own = name + (year >= 2020 ? "20" : "10");
        return Enumerable.Range(0, fields.Count)
            .Where(i => pattern.IsMatch(fields[i].Name))
            .OrderBy(i => fields[i].Name.Length)
            .ThenByDescending(i => fields[i].Name.Equals(own, StringComparison.OrdinalIgnoreCase))
            .ThenByDescending(i => fields[i].Name, StringComparer.OrdinalIgnoreCase)
            .Select(i => (int?)i)
            .FirstOrDefault();
    }

    /// <summary>Whether the file has the field under exactly this name (<c>GEOID10</c>), any case.</summary>
    public static bool Has(DbfFieldCollection fields, string exactName) =>
        Enumerable.Range(0, fields.Count).Any(i => fields[i].Name.Equals(exactName, StringComparison.OrdinalIgnoreCase));
}
