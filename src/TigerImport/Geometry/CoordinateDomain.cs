using NetTopologySuite.Geometries;
using ProjNet.CoordinateSystems;

namespace TigerImport.Geometry;

/// <summary>
/// Where a source CRS's coordinates can lie: longitude ±180 and latitude ±90 in a geographic CRS (NAD83 for TIGER),
/// anything finite in a projected one. A feature outside is rejected: (500, 200) or ±1e308 is damage, not a place.
/// </summary>
public sealed class CoordinateDomain
{
    private readonly Envelope? bounds;

    private CoordinateDomain(Envelope? bounds) => this.bounds = bounds;

    public static CoordinateDomain Of(CoordinateSystem source) =>
        new(source is GeographicCoordinateSystem ? new Envelope(-180, 180, -90, 90) : null);

    /// <summary>Why the geometry lies outside the domain, or null when it is inside.</summary>
    public string? Problem(NetTopologySuite.Geometries.Geometry geometry)
    {
        var envelope = geometry.EnvelopeInternal;
        if (!double.IsFinite(envelope.MinX) || !double.IsFinite(envelope.MaxX) || !double.IsFinite(envelope.MinY) || !double.IsFinite(envelope.MaxY))
        {
            return $"coordinates are not finite (x {envelope.MinX} to {envelope.MaxX}, y {envelope.MinY} to {envelope.MaxY})";
        }

        return bounds is null || bounds.Contains(envelope)
            ? null
            : $"coordinates outside the source CRS's range (longitude ±180, latitude ±90): x {envelope.MinX} to {envelope.MaxX}, y {envelope.MinY} to {envelope.MaxY}";
    }
}
