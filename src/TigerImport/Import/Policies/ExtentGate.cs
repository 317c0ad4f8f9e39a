using NetTopologySuite.IO.Esri.Dbf.Fields;
using TigerImport.Catalog;

namespace TigerImport.Import.Policies;

/// <summary>
/// Every feature lies within the extent its file's scope allows (<see cref="ExtentEnvelopes"/>): its county's published
/// envelope for a county file where the vintage's COUNTY layer is published, else its state's (published, or the
/// shipped <see cref="StateEnvelopes"/>), the nation's for national files, and for a national file whose records carry
/// STATEFP (STATE, COUNTY, CD…) also the envelope of the state each record names. The line layers' equivalent of
/// <see cref="ShapeAgreementGate"/>.
/// </summary>
internal sealed class ExtentGate
{
    private readonly StateEnvelopes.Box allowed;
    private readonly ExtentEnvelopes envelopes;
    private readonly int? stateField;

    public ExtentGate(DbfFieldCollection fields, TigerFile file, ExtentEnvelopes envelopes)
    {
        (allowed, Scope) = envelopes.For(file);
        this.envelopes = envelopes;
        stateField = file.Scope == LayerScope.Nation ? FieldLookup.Find(fields, "STATEFP", file.Year) : null;
    }

    public string Scope { get; }

    public StateEnvelopes.Box Allowed => allowed;

    /// <summary>Why the feature lies outside, or null; thread-safe.</summary>
    public string? Problem(NetTopologySuite.Geometries.Geometry geometry, object?[] values)
    {
        var e = geometry.EnvelopeInternal;
        if (!allowed.Holds(e.MinX, e.MinY, e.MaxX, e.MaxY))
        {
            return Outside(e, Scope, allowed, "");
        }

        if (stateField is not { } i || values[i] is not string { Length: > 0 } code || code.Trim() is not { Length: 2 } state)
        {
            return null;
        }

        var (box, scope) = envelopes.ForState(state);
        return box.Holds(e.MinX, e.MinY, e.MaxX, e.MaxY) ? null : Outside(e, scope, box, " (the state its STATEFP names)");
    }

    private static string Outside(NetTopologySuite.Geometries.Envelope e, string scope, StateEnvelopes.Box box, string whose) =>
        FormattableString.Invariant($"its extent {e.MinX:0.###},{e.MinY:0.###} … {e.MaxX:0.###},{e.MaxY:0.###} lies outside {scope} envelope {box} (±{box.Margin}°){whose}");
}
