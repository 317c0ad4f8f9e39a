using NetTopologySuite.Operation.Valid;

namespace TigerImport.Geometry;

/// <summary>The one validity test of the pipeline, as read and once projected.</summary>
public static class GeometryValidity
{
    /// <summary>
    /// Why the geometry is not valid ("Self-intersection at (x, y)"), or null when it is: proved by
    /// <see cref="DisjointRings"/> when it can be (nearly every TIGER polygon), else decided by NTS's <c>IsValidOp</c>.
    /// </summary>
    public static string? ProblemOf(NetTopologySuite.Geometries.Geometry geometry)
    {
        if (DisjointRings.ProveValid(geometry))
        {
            return null;
        }

        var validity = new IsValidOp(geometry);
        return validity.IsValid ? null : $"{validity.ValidationError.Message} at {validity.ValidationError.Coordinate}";
    }
}
