using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;

namespace TigerImport.Geometry;

/// <summary>
/// Builds a polygonal geometry from rings by how they nest, whatever their orientation, as GDAL's
/// <c>organizePolygons</c> does for a shapefile record whose first ring is counter-clockwise: a ring inside no other
/// (or inside a hole) is a shell, a ring directly inside a shell is one of its holes. Rings are taken from the largest
/// to the smallest, each placed in the smallest ring already placed that contains it.
/// </summary>
public static class RingNesting
{
    public static NetTopologySuite.Geometries.Geometry Organize(GeometryFactory factory, IReadOnlyList<Coordinate[]> rings, CancellationToken cancellationToken = default)
    {
        var order = Enumerable.Range(0, rings.Count)
            .Select(i => (Index: i, Area: Math.Abs(Area.OfRingSigned(rings[i])), Envelope: new Envelope(rings[i])))
            .OrderByDescending(r => r.Area)
            .ToList();
        var depth = new int[order.Count];
        var parent = new int[order.Count];
        for (var i = 0; i < order.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            parent[i] = -1;
            for (var j = i - 1; j >= 0; j--)
            {
                if (order[j].Envelope.Contains(order[i].Envelope) && IsInside(rings[order[i].Index], rings[order[j].Index]))
                {
                    parent[i] = j;
                    break;
                }
            }

            depth[i] = parent[i] < 0 ? 0 : depth[parent[i]] + 1;
        }

        var polygons = new List<Polygon>();
        for (var i = 0; i < order.Count; i++)
        {
            if (depth[i] % 2 != 0)
            {
                continue;
            }

            var holes = Enumerable.Range(i + 1, order.Count - i - 1)
                .Where(h => parent[h] == i)
                .Select(h => factory.CreateLinearRing(rings[order[h].Index]))
                .ToArray();
            polygons.Add(factory.CreatePolygon(factory.CreateLinearRing(rings[order[i].Index]), holes));
        }

        return polygons.Count == 1 ? polygons[0] : factory.CreateMultiPolygon([.. polygons]);
    }

    /// <summary>Whether the first vertex of <paramref name="inner"/> not on <paramref name="outer"/> lies inside it.</summary>
    private static bool IsInside(Coordinate[] inner, Coordinate[] outer)
    {
        foreach (var point in inner)
        {
            var location = PointLocation.LocateInRing(point, outer);
            if (location != Location.Boundary)
            {
                return location == Location.Interior;
            }
        }

        return false; // the same ring twice: not nested
    }
}
