using System.Diagnostics;
using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;
using NetTopologySuite.Noding;

namespace TigerImport.Geometry;

/// <summary>
/// How much repair one feature may cost. GeometryFixer's time grows with the square of a shape's self-intersections
/// (a 101-point star of about 5,000 crossings takes 4 s, a 20,000-point one would take hours), so an invalid shape is
/// first noded to count its self-intersections, stopping at <see cref="MaxIntersections"/>, at <see cref="TimeLimit"/>,
/// or when the run is stopped; over the budget, it is rejected (counted) instead of repaired. Census's own invalid
/// shapes have a few self-touches, which repair in milliseconds.
/// </summary>
public static class RepairBudget
{
    /// <summary>Self-intersections a shape may have and still be repaired: at most about half a second of GeometryFixer.</summary>
    public const int MaxIntersections = 500;

    /// <summary>The most the count itself may take.</summary>
    public static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(2);

    /// <summary>Why the geometry is over the budget, or null when it may be repaired; throws when the run is stopped.</summary>
    public static string? Exceeded(NetTopologySuite.Geometries.Geometry geometry, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var rings = new List<ISegmentString>();
        for (var i = 0; i < geometry.NumGeometries; i++)
        {
            if (geometry.GetGeometryN(i) is Polygon polygon)
            {
                rings.AddRange(polygon.InteriorRings.Prepend(polygon.ExteriorRing).Select(r => (ISegmentString)new BasicSegmentString(r.Coordinates, null)));
            }
            else if (geometry.GetGeometryN(i) is LineString line)
            {
                rings.Add(new BasicSegmentString(line.Coordinates, null));
            }
        }

        var counter = new IntersectionCounter(cancellationToken);
        new MCIndexNoder(counter).ComputeNodes(rings);
        return counter.OverCount ? $"more than {MaxIntersections} self-intersections, over the per-feature repair budget"
            : counter.OverTime ? $"counting its self-intersections took over {TimeLimit.TotalSeconds:0} s, the per-feature repair budget"
            : null;
    }

    /// <summary>Counts segment pairs that meet (neighbours at their shared vertex aside) until the budget is spent.</summary>
    private sealed class IntersectionCounter(CancellationToken cancellationToken) : ISegmentIntersector
    {
        private readonly RobustLineIntersector intersector = new();
        private readonly Stopwatch clock = Stopwatch.StartNew();
        private long calls;
        private int count;

        public bool OverCount => count > MaxIntersections;

        public bool OverTime { get; private set; }

        public bool IsDone => OverCount || OverTime;

        public void ProcessIntersections(ISegmentString e0, int segIndex0, ISegmentString e1, int segIndex1)
        {
            if (++calls % 256 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                OverTime = clock.Elapsed > TimeLimit;
            }

            if (e0 == e1 && (Math.Abs(segIndex0 - segIndex1) <= 1 || (e0.IsClosed && Math.Abs(segIndex0 - segIndex1) == e0.Count - 2)))
            {
                return;
            }

            intersector.ComputeIntersection(e0.Coordinates[segIndex0], e0.Coordinates[segIndex0 + 1], e1.Coordinates[segIndex1], e1.Coordinates[segIndex1 + 1]);
            if (intersector.HasIntersection)
            {
                count++;
            }
        }
    }
}
