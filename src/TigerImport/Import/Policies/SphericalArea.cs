using NetTopologySuite.Geometries;

namespace TigerImport.Import.Policies;

/// <summary>
/// The area in square metres of a longitude/latitude polygon on the sphere of the GRS 1980 authalic radius (the
/// trapezoid formula of Chamberlain and Duquette): within 0.5% of Census's ALAND+AWATER on every real file measured.
/// </summary>
internal static class SphericalArea
{
    private const double AuthalicRadius = 6371007.2;

    public static double Of(NetTopologySuite.Geometries.Geometry geometry)
    {
        double total = 0;
        for (var i = 0; i < geometry.NumGeometries; i++)
        {
            if (geometry.GetGeometryN(i) is Polygon polygon)
            {
                total += Ring(polygon.ExteriorRing.CoordinateSequence);
                for (var h = 0; h < polygon.NumInteriorRings; h++)
                {
                    total -= Ring(polygon.GetInteriorRingN(h).CoordinateSequence);
                }
            }
        }

        return Math.Abs(total);
    }

    private static double Ring(CoordinateSequence ring)
    {
        double sum = 0;
        for (var i = 0; i + 1 < ring.Count; i++)
        {
            var (x1, y1, x2, y2) = (ring.GetX(i), ring.GetY(i), ring.GetX(i + 1), ring.GetY(i + 1));
            sum += double.DegreesToRadians(x2 - x1) * (2 + Math.Sin(double.DegreesToRadians(y1)) + Math.Sin(double.DegreesToRadians(y2)));
        }

        return Math.Abs(sum * AuthalicRadius * AuthalicRadius / 2);
    }
}
