using System.Text.RegularExpressions;
using NetTopologySuite.IO.Esri.Dbf.Fields;
using TigerImport.Catalog;

namespace TigerImport.Import.Policies;

/// <summary>
/// A state or county file holds that state's or county's features: its records' state (and county) codes must match
/// the file name, so a file saved under another state's name is refused instead of published into that state's
/// partition. National files are not checked, nor county files of layers without the fields (AREAWATER, ROADS); every
/// state file (PLACE, TRACT, SLDU…) carries STATEFP, so one without it is refused rather than published with no state.
/// </summary>
internal sealed partial class ScopeCheck
{
    private readonly List<(int Index, string Field, string Expected)> checks = [];
    private readonly TigerFile file;

    public ScopeCheck(DbfFieldCollection fields, TigerFile file)
    {
        this.file = file;
        if (file.Scope == LayerScope.Nation)
        {
            return;
        }

        Add(fields, StateField(), file.ScopeCode[..2], required: file.Scope == LayerScope.State);
        if (file.Scope == LayerScope.County)
        {
            Add(fields, CountyField(), file.ScopeCode[2..], required: false);
        }
    }

    public void Verify(object?[] values, int recordNumber)
    {
        foreach (var (index, field, expected) in checks)
        {
            if (values[index] as string != expected)
            {
                throw new TigerImportException(
                    FailureKind.Data,
                    $"{file.FileName} record {recordNumber}: {field} is '{values[index]}', but the file name says {expected} (a file under another {(field.StartsWith("STATE", StringComparison.Ordinal) ? "state" : "county")}'s name?).");
            }
        }
    }

    /// <summary>The plain field (STATEFP) when the file has it, else its vintage-suffixed one (STATEFP10).</summary>
    private void Add(DbfFieldCollection fields, Regex pattern, string expected, bool required)
    {
        var match = Enumerable.Range(0, fields.Count)
            .Where(i => pattern.IsMatch(fields[i].Name))
            .OrderBy(i => fields[i].Name.Length)
            .Select(i => (int?)i)
            .FirstOrDefault();
        if (match is { } index)
        {
            checks.Add((index, fields[index].Name, expected));
        }
        else if (required)
        {
            throw new TigerImportException(FailureKind.Data, $"{file.FileName} has no STATEFP field: its records cannot be checked against state {expected} of its name.");
        }
    }

    [GeneratedRegex("^STATEFP([0-9]{2})?$", RegexOptions.IgnoreCase)]
    private static partial Regex StateField();

    [GeneratedRegex("^COUNTYFP([0-9]{2})?$", RegexOptions.IgnoreCase)]
    private static partial Regex CountyField();
}
