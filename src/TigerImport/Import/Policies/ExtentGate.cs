using TigerImport.Catalog;

namespace TigerImport.Import.Policies;

/// <summary>
/// Every feature lies within the extent its file's scope allows (<see cref="ExtentEnvelopes"/>): its county's published
/// envelope for a county file where the vintage's COUNTY layer is published, else its state's (published, or the
/// shipped <see cref="StateEnvelopes"/>), the nation's for national files. The line layers' equivalent of
/// <see cref="ShapeAgreementGate"/>.
/// </summary>
internal sealed class ExtentGate
{
    private readonly StateEnvelopes.Box allowed;

    public ExtentGate(TigerFile file, ExtentEnvelopes envelopes) => (allowed, Scope) = envelopes.For(file);

    public string Scope { get; }

    public StateEnvelopes.Box Allowed => allowed;

    /// <summary>Why the feature lies outside, or null; thread-safe.</summary>
    public string? Problem(NetTopologySuite.Geometries.Geometry geometry)
    {
        var e = geometry.EnvelopeInternal;
        return allowed.Holds(e.MinX, e.MinY, e.MaxX, e.MaxY)
            ? null
            : FormattableString.Invariant($"its extent {e.MinX:0.###},{e.MinY:0.###} … {e.MaxX:0.###},{e.MaxY:0.###} lies outside {Scope} envelope {allowed} (±{StateEnvelopes.Margin}°)");
    }
}
