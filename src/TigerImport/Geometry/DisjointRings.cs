using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;

namespace TigerImport.Geometry;

/// <summary>
/// A quick proof that a polygonal geometry is valid, for the common case: every ring closed with at least four points
/// and no zero-length segment, no two segments touching anywhere except neighbours at their shared vertex (and those
/// not folding back), each hole strictly inside its own shell and outside its siblings, and each shell outside the
/// other shells or inside one of their holes. With no ring touching another, the interior is connected, so this is
/// OGC validity. It answers only "proved valid" or "not proved"; anything else (a hole touching its shell, a
/// self-intersection) goes to NTS's <c>IsValidOp</c>, which decides. The segment test is a sweep with NTS's exact
/// orientation predicate that never computes an intersection point: <c>IsValidOp</c> computes (and allocates) one at
/// every shared vertex, which made validation a third of a polygon load's CPU.
/// </summary>
public static class DisjointRings
{
    /// <summary>More parts than this go to IsValidOp: the shells' containment check is pairwise.</summary>
    private const int MaxParts = 64;

    public static bool ProveValid(NetTopologySuite.Geometries.Geometry geometry)
    {
        var polygons = geometry switch
        {
            Polygon polygon => [polygon],
            MultiPolygon multi when multi.NumGeometries <= MaxParts => multi.Geometries.Cast<Polygon>().ToArray(),
            _ => null,
        };
        if (polygons is null || polygons.Length == 0)
        {
            return false;
        }

        var rings = new List<Coordinate[]>();
        foreach (var polygon in polygons)
        {
            if (polygon.IsEmpty)
            {
                return false;
            }

            foreach (var ring in polygon.InteriorRings.Prepend(polygon.ExteriorRing))
            {
                var points = ring.Coordinates;
                if (!IsPlainRing(points))
                {
                    return false;
                }

                rings.Add(points);
            }
        }

        return !SegmentsMeet(rings) && RingsNestCorrectly(polygons);
    }

    /// <summary>Closed, at least four points, all finite, no repeated consecutive point (a zero-length segment).</summary>
    private static bool IsPlainRing(Coordinate[] points)
    {
        if (points.Length < 4 || !points[0].Equals2D(points[^1]))
        {
            return false;
        }

        for (var i = 1; i < points.Length; i++)
        {
            if (points[i].Equals2D(points[i - 1]) || !double.IsFinite(points[i].X) || !double.IsFinite(points[i].Y))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>With no ring touching another, one vertex of a ring tells on which side of every other ring it lies.</summary>
    private static bool RingsNestCorrectly(Polygon[] polygons)
    {
        foreach (var polygon in polygons)
        {
            var shell = polygon.ExteriorRing.Coordinates;
            var holes = polygon.InteriorRings.Select(h => h.Coordinates).ToArray();
            for (var i = 0; i < holes.Length; i++)
            {
                if (Locate(holes[i][0], shell) != Location.Interior)
                {
                    return false;
                }

                for (var j = 0; j < holes.Length; j++)
                {
                    if (i != j && Locate(holes[i][0], holes[j]) != Location.Exterior)
                    {
                        return false;
                    }
                }
            }
        }

        for (var a = 0; a < polygons.Length; a++)
        {
            for (var b = 0; b < polygons.Length; b++)
            {
                // b's shell inside a's shell is valid only inside one of a's holes (an island in a lake).
                var start = polygons[b].ExteriorRing.Coordinates[0];
                if (a != b && polygons[a].EnvelopeInternal.Contains(start) && Locate(start, polygons[a].ExteriorRing.Coordinates) != Location.Exterior
                    && !polygons[a].InteriorRings.Any(hole => Locate(start, hole.Coordinates) == Location.Interior))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static Location Locate(Coordinate point, Coordinate[] ring) => PointLocation.LocateInRing(point, ring);

    /// <summary>
    /// Whether any two segments meet other than neighbours at their shared vertex: a sweep from west to east over the
    /// segments' envelopes, each compared with the ones still open that overlap it in y. Far cheaper than an index of
    /// monotone chains for rings of a few hundred points, and exact (NTS's robust orientation predicate).
    /// </summary>
    private static bool SegmentsMeet(List<Coordinate[]> rings)
    {
        var count = rings.Sum(r => r.Length - 1);
        var segments = new Segment[count];
        var order = new double[count];
        var n = 0;
        for (var r = 0; r < rings.Count; r++)
        {
            var points = rings[r];
            for (var i = 0; i < points.Length - 1; i++, n++)
            {
                var (p, q) = (points[i], points[i + 1]);
                segments[n] = new Segment(Math.Min(p.X, q.X), Math.Max(p.X, q.X), Math.Min(p.Y, q.Y), Math.Max(p.Y, q.Y), r, i);
                order[n] = segments[n].MinX;
            }
        }

        Array.Sort(order, segments);
        var open = new List<int>();
        for (var s = 0; s < count; s++)
        {
            ref readonly var next = ref segments[s];
            var kept = 0;
            for (var k = 0; k < open.Count; k++)
            {
                ref readonly var other = ref segments[open[k]];
                if (other.MaxX < next.MinX)
                {
                    continue; // closed: every later segment starts east of it
                }

                open[kept++] = open[k];
                if (other.MaxY >= next.MinY && other.MinY <= next.MaxY && Meet(rings, other, next))
                {
                    return true;
                }
            }

            open.RemoveRange(kept, open.Count - kept);
            open.Add(s);
        }

        return false;
    }

    private static bool Meet(List<Coordinate[]> rings, in Segment a, in Segment b)
    {
        var ringA = rings[a.Ring];
        var ringB = rings[b.Ring];
        if (a.Ring == b.Ring && AreNeighbours(a.Index, b.Index, ringA.Length - 1))
        {
            return FoldsBack(a.Index, b.Index, ringA);
        }

        return Touch(ringA[a.Index], ringA[a.Index + 1], ringB[b.Index], ringB[b.Index + 1]);
    }

    /// <summary>Consecutive segments of a ring of <paramref name="segments"/> segments, the last and the first included.</summary>
    private static bool AreNeighbours(int i, int j, int segments) =>
        Math.Abs(i - j) == 1 || (Math.Min(i, j) == 0 && Math.Max(i, j) == segments - 1);

    /// <summary>Neighbours overlap beyond their shared vertex only when they are collinear and turn back (a spike).</summary>
    private static bool FoldsBack(int i, int j, Coordinate[] ring)
    {
        var segments = ring.Length - 1;
        var (first, second) = (j == i + 1 || (i == segments - 1 && j == 0)) ? (i, j) : (j, i);
        var (a0, a1, b1) = (ring[first], ring[first + 1], ring[second + 1]);
        return Orientation.Index(a0, a1, b1) == OrientationIndex.Collinear
            && (((a1.X - a0.X) * (b1.X - a1.X)) + ((a1.Y - a0.Y) * (b1.Y - a1.Y))) <= 0;
    }

    /// <summary>Whether two segments whose envelopes meet share any point, by exact orientation tests.</summary>
    private static bool Touch(Coordinate p0, Coordinate p1, Coordinate q0, Coordinate q1)
    {
        var o1 = (int)Orientation.Index(p0, p1, q0);
        var o2 = (int)Orientation.Index(p0, p1, q1);
        var o3 = (int)Orientation.Index(q0, q1, p0);
        var o4 = (int)Orientation.Index(q0, q1, p1);

        // Both ends of one segment strictly on one side of the other: apart. Otherwise they cross or touch, and
        // collinear segments whose envelopes meet overlap.
        return !(o1 * o2 > 0 || o3 * o4 > 0);
    }

    /// <summary>A segment's envelope, and where it is: ring, and index of its first point.</summary>
    private readonly record struct Segment(double MinX, double MaxX, double MinY, double MaxY, int Ring, int Index);
}
