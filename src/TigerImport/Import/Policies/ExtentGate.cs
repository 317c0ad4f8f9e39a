using TigerImport.Catalog;

namespace TigerImport.Import.Policies;

/// <summary>
/// Every feature lies within the extent its file's scope allows: its state's envelope (<see cref="StateEnvelopes"/>)
/// for state- and county-based files (there is no county table: a county file is held to its state's), the nation's
/// for national files. The line layers' equivalent of <see cref="ShapeAgreementGate"/>.
/// </summary>
internal sealed class ExtentGate(TigerFile file)
{
    private readonly StateEnvelopes.Box allowed = file.Scope == LayerScope.Nation ? StateEnvelopes.Nation : StateEnvelopes.Of(file.ScopeCode[..2]);

    public string Scope => file.Scope == LayerScope.Nation ? "the nation's" : $"state {file.ScopeCode[..2]}'s";

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
