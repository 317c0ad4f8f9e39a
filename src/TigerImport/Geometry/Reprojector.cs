using NetTopologySuite.Geometries;
using ProjNet.CoordinateSystems;
using ProjNet.CoordinateSystems.Transformations;

namespace TigerImport.Geometry;

/// <summary>
/// Moves geometries from a file's CRS to the target SRID.
/// NAD83 → WGS 84 is a null transform, as in PROJ's default pipeline: the datums differ by about 1–2 m in the
/// conterminous US, below TIGER/Line's own positional accuracy, and every other loader (ogr2ogr, shp2pgsql -s
/// 4269:4326) does the same, so results agree with theirs coordinate for coordinate.
/// </summary>
public sealed class Reprojector
{
    private readonly MathTransform? transform;

    private Reprojector(MathTransform? transform, int targetSrid)
    {
        this.transform = transform;
        TargetSrid = targetSrid;
    }

    public int TargetSrid { get; }

    /// <summary>True when coordinates are kept as they are and only the SRID changes.</summary>
    public bool IsIdentity => transform is null;

    public static Reprojector Create(CoordinateSystem source, int targetSrid)
    {
        var target = SpatialReferences.Target(targetSrid);
        if (SpatialReferences.IsNad83OrWgs84Geographic(source))
        {
            return target switch
            {
                GeographicCoordinateSystem => new Reprojector(null, targetSrid),

                // Projection only: start from the target's own datum so no datum shift is applied (null transform).
                ProjectedCoordinateSystem projected => new Reprojector(Transform(projected.GeographicCoordinateSystem, projected), targetSrid),
                _ => throw new NotSupportedException(target.GetType().Name),
            };
        }

        return new Reprojector(Transform(source, target), targetSrid);
    }

    /// <summary>
    /// The geometry in the target SRID. A projection works on a copy (the original stays as read, for a reject) and its
    /// result is checked again: a valid shape near a pole or a tiny sliver can come out infinite or invalid, and nothing
    /// invalid or non-finite may be published in any SRID. The identity keeps the (already valid) coordinates.
    /// </summary>
    public GeometryVerdict Project(NetTopologySuite.Geometries.Geometry geometry)
    {
        if (transform is null)
        {
            geometry.SRID = TargetSrid;
            return new(geometry, GeometryFate.Kept, null);
        }

        var projected = geometry.Copy();
        var filter = new CoordinateFilter(transform);
        projected.Apply(filter);
        projected.SRID = TargetSrid;
        if (!filter.AllFinite)
        {
            return new(null, GeometryFate.Rejected, $"not finite once projected to EPSG:{TargetSrid}");
        }

        return GeometryValidity.ProblemOf(projected) is { } problem
            ? new(null, GeometryFate.Rejected, $"invalid once projected to EPSG:{TargetSrid}: {problem}")
            : new(projected, GeometryFate.Kept, null);
    }

    private static MathTransform Transform(CoordinateSystem source, CoordinateSystem target) =>
        new CoordinateTransformationFactory().CreateFromCoordinateSystems(source, target).MathTransform;

    private sealed class CoordinateFilter(MathTransform transform) : ICoordinateSequenceFilter
    {
        public bool Done => false;

        public bool GeometryChanged => true;

        public bool AllFinite { get; private set; } = true;

        public void Filter(CoordinateSequence seq, int i)
        {
            var x = seq.GetX(i);
            var y = seq.GetY(i);
            transform.Transform(ref x, ref y);
            seq.SetX(i, x);
            seq.SetY(i, y);
            AllFinite &= double.IsFinite(x) && double.IsFinite(y);
        }
    }
}
