using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;
using NetTopologySuite.Noding;

namespace TigerImport.Geometry;

/// <summary>
/// A quick proof that a polygonal geometry is valid, for the common case: every ring closed with at least four points
/// and no zero-length segment, no two segments touching anywhere except neighbours at their shared vertex (and those
/// not folding back), each hole strictly inside its own shell and outside its siblings, and each shell outside the
/// other shells or inside one of their holes. With no ring touching another, the interior is connected, so this is
/// OGC validity. It answers only "proved valid" or "not proved"; anything else (a hole touching its shell, a
/// self-intersection) goes to NTS's <c>IsValidOp</c>, which decides. The segment test uses NTS's monotone-chain noder
/// and its exact orientation predicate without computing intersection points: <c>IsValidOp</c> computes (and
/// allocates) one at every shared vertex, which made validation a third of a polygon load's CPU.
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

        var rings = new List<ISegmentString>();
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

                rings.Add(new BasicSegmentString(points, null));
            }
        }

        var finder = new ContactFinder();
        new MCIndexNoder(finder).ComputeNodes(rings);
        return !finder.IsDone && RingsNestCorrectly(polygons);
    }

    /// <summary>Closed, at least four points, no repeated consecutive point (a zero-length segment).</summary>
    private static bool IsPlainRing(Coordinate[] points)
    {
        if (points.Length < 4 || !points[0].Equals2D(points[^1]))
        {
            return false;
        }

        for (var i = 1; i < points.Length; i++)
        {
            if (points[i].Equals2D(points[i - 1]))
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

    /// <summary>Stops at the first contact between segments other than two neighbours meeting at their shared vertex.</summary>
    private sealed class ContactFinder : ISegmentIntersector
    {
        public bool IsDone { get; private set; }

        public void ProcessIntersections(ISegmentString e0, int segIndex0, ISegmentString e1, int segIndex1)
        {
            if (IsDone || (e0 == e1 && segIndex0 == segIndex1))
            {
                return;
            }

            var p = e0.Coordinates;
            var q = e1.Coordinates;
            var (p0, p1, q0, q1) = (p[segIndex0], p[segIndex0 + 1], q[segIndex1], q[segIndex1 + 1]);
            if (e0 == e1 && AreNeighbours(segIndex0, segIndex1, p.Length - 1))
            {
                IsDone = FoldsBack(segIndex0, segIndex1, p);
                return;
            }

            IsDone = Touch(p0, p1, q0, q1);
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

        /// <summary>Whether two segments share any point, by exact orientation tests.</summary>
        private static bool Touch(Coordinate p0, Coordinate p1, Coordinate q0, Coordinate q1)
        {
            if (!Envelope.Intersects(p0, p1, q0, q1))
            {
                return false;
            }

            var o1 = (int)Orientation.Index(p0, p1, q0);
            var o2 = (int)Orientation.Index(p0, p1, q1);
            var o3 = (int)Orientation.Index(q0, q1, p0);
            var o4 = (int)Orientation.Index(q0, q1, p1);

            // Both ends of one segment strictly on one side of the other: apart. Otherwise they cross or touch, and
            // collinear segments whose envelopes meet overlap.
            return !(o1 * o2 > 0 || o3 * o4 > 0);
        }
    }
}
