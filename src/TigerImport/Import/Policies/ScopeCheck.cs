using System.Text.RegularExpressions;
using NetTopologySuite.IO.Esri.Dbf.Fields;
using TigerImport.Catalog;

namespace TigerImport.Import.Policies;

/// <summary>
/// A state or county file holds that state's or county's features: its records' state (and county) codes must match
/// the file name, so a file saved under another state's name is refused instead of published into that state's
/// partition. National files are not checked, nor county files of layers without the fields (AREAWATER, ROADS); every
/// state file (PLACE, TRACT, SLDU…) carries STATEFP, so one without it is refused rather than published with no state.
/// A CD file's congress, from its name, must be its fields' too: the district field is <c>CD{nnn}FP</c> of that congress
/// and every record's <c>CDSESSN</c> (where the file has it) is that number, so a file whose name and content disagree
/// is refused rather than published as the wrong plan.
/// </summary>
internal sealed partial class ScopeCheck
{
    private readonly List<(int Index, string Field, string Expected, string Hint)> checks = [];
    private readonly TigerFile file;

    public ScopeCheck(DbfFieldCollection fields, TigerFile file)
    {
        this.file = file;
        if (file.Congress is { } congress)
        {
            AddCongress(fields, congress);
        }

        if (file.Scope == LayerScope.Nation)
        {
            return;
        }

        Add(fields, "STATEFP", file.ScopeCode[..2], required: file.Scope == LayerScope.State);
        if (file.Scope == LayerScope.County)
        {
            Add(fields, "COUNTYFP", file.ScopeCode[2..], required: false);
        }
    }

    public void Verify(object?[] values, int recordNumber)
    {
        foreach (var (index, field, expected, hint) in checks)
        {
            if (values[index] as string != expected)
            {
                throw new TigerImportException(
                    FailureKind.Data, $"{file.FileName} record {recordNumber}: {field} is '{values[index]}', but the file name says {expected} ({hint}).");
            }
        }
    }

    /// <summary>
    /// The plain field (STATEFP) when the file has it, else the vintage's own suffixed one (STATEFP20 from 2020,
    /// STATEFP10 before: <see cref="FieldLookup.Find"/>), never an older decade's code when the vintage's is there.
    /// </summary>
    private void Add(DbfFieldCollection fields, string name, string expected, bool required)
    {
        if (FieldLookup.Find(fields, name, file.Year) is { } index)
        {
            checks.Add((index, fields[index].Name, expected, $"a file under another {(name == "COUNTYFP" ? "county" : "state")}'s name?"));
        }
        else if (required)
        {
            throw new TigerImportException(FailureKind.Data, $"{file.FileName} has no STATEFP field: its records cannot be checked against state {expected} of its name.");
        }
    }

    /// <summary>The congress of the district field (<c>CD118FP</c>) must be the name's; <c>CDSESSN</c>, where present, is checked per record.</summary>
    private void AddCongress(DbfFieldCollection fields, int congress)
    {
        var districtFields = Enumerable.Range(0, fields.Count).Select(i => fields[i].Name).Where(n => CongressField().IsMatch(n)).ToList();
        var expected = $"CD{congress}FP";
        if (!districtFields.Contains(expected, StringComparer.OrdinalIgnoreCase))
        {
            throw new TigerImportException(
                FailureKind.Data,
                $"{file.FileName}: its name says the {DistrictPlan.Ordinal(congress)} Congress, but it has " +
                (districtFields.Count == 0 ? $"no {expected} field" : $"{string.Join(", ", districtFields)} and no {expected}") +
                ": a file whose name and fields disagree is not published as either plan.");
        }

        var session = Enumerable.Range(0, fields.Count).FirstOrDefault(i => fields[i].Name.Equals("CDSESSN", StringComparison.OrdinalIgnoreCase), -1);
        if (session >= 0)
        {
            checks.Add((session, fields[session].Name, congress.ToString(System.Globalization.CultureInfo.InvariantCulture), "its fields and its name disagree on the congress"));
        }
    }

    [GeneratedRegex("^CD[0-9]{3}FP$", RegexOptions.IgnoreCase)]
    private static partial Regex CongressField();
}
