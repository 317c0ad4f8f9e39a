using NetTopologySuite.IO.Esri.Dbf.Fields;
using TigerImport.Catalog;

namespace TigerImport.Import.Policies;

/// <summary>
/// A record's GEOID starts with its own state (and county) code, and so with the file's: a GEOID whose prefix is
/// another state's is another state's feature, whatever STATEFP says. Files without GEOID (EDGES, FACES) or without
/// STATEFP (ZCTA) are not checked here; <see cref="ScopeCheck"/> holds STATEFP to the file name.
/// </summary>
internal sealed class IdentityGate
{
    private readonly int? geoid, state, county;
    private readonly TigerFile file;

    public IdentityGate(DbfFieldCollection fields, TigerFile file)
    {
        this.file = file;
        geoid = FieldLookup.Find(fields, "GEOID", file.Year);
        state = FieldLookup.Find(fields, "STATEFP", file.Year);
        county = FieldLookup.Find(fields, "COUNTYFP", file.Year);
    }

    /// <summary>Why the record's GEOID is not its own, or null; thread-safe.</summary>
    public string? Problem(object?[] values)
    {
        if (geoid is not { } g || values[g] is not string { Length: > 0 } id || string.IsNullOrWhiteSpace(id))
        {
            return null;
        }

        var prefix = file.Scope == LayerScope.Nation ? "" : file.ScopeCode;
        if (state is { } s && values[s] is string statefp)
        {
            prefix = statefp + (county is { } c && values[c] is string countyfp ? countyfp : "");
        }

        if (file.Scope != LayerScope.Nation && !prefix.StartsWith(file.ScopeCode, StringComparison.Ordinal) && !file.ScopeCode.StartsWith(prefix, StringComparison.Ordinal))
        {
            prefix = file.ScopeCode;
        }

        return prefix.Length == 0 || id.StartsWith(prefix, StringComparison.Ordinal)
            ? null
            : $"GEOID '{id}' does not start with {prefix}, its {(prefix.Length > 2 ? "state and county" : "state")} code";
    }
}
