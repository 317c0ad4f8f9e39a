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

    /// <summary>Reprojects in place and stamps the target SRID.</summary>
    public void Apply(NetTopologySuite.Geometries.Geometry geometry)
    {
        if (transform is not null)
        {
            geometry.Apply(new CoordinateFilter(transform));
        }

        geometry.SRID = TargetSrid;
    }

    private static MathTransform Transform(CoordinateSystem source, CoordinateSystem target) =>
        new CoordinateTransformationFactory().CreateFromCoordinateSystems(source, target).MathTransform;

    private sealed class CoordinateFilter(MathTransform transform) : ICoordinateSequenceFilter
    {
        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq, int i)
        {
            var x = seq.GetX(i);
            var y = seq.GetY(i);
            transform.Transform(ref x, ref y);
            seq.SetX(i, x);
            seq.SetY(i, y);
        }
    }
}
