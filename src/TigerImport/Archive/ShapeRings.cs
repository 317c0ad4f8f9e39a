using System.Buffers.Binary;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Esri;

namespace TigerImport.Archive;

/// <summary>
/// The rings of a Polygon record in file order, kept when orientation cannot be trusted to say shell from hole: GDAL
/// (and so ogr2ogr) reads a record whose first ring is counter-clockwise — every ring reversed, or a hole listed
/// before its shell — by nesting alone, and so must the importer; likewise a clockwise ring inside another (<see cref="Geometry.RingNesting"/>).
/// </summary>
public sealed record ShapeRings(int RecordNumber, IReadOnlyList<Coordinate[]> Rings)
{
    private const int FixedLength = 4 + 32 + 4 + 4;

    /// <summary>
    /// The record's rings when orientation would not say shell from hole as nesting does, else null (the reader's
    /// orientation rule agrees): its first ring is counter-clockwise (GDAL then reads it by nesting), or a clockwise
    /// ring (a shell by orientation) lies inside another clockwise ring — a hole written with a shell's orientation,
    /// which the reader would make an overlapping shell and a repair would fill. Call only on content
    /// <see cref="ShapeRecordCheck"/> found well-formed.
    /// </summary>
    internal static ShapeRings? WhenOrientationMisleads(int recordNumber, ReadOnlySpan<byte> content)
    {
        if ((ShapeType)BinaryPrimitives.ReadInt32LittleEndian(content) != ShapeType.Polygon)
        {
            return null;
        }

        var parts = BinaryPrimitives.ReadInt32LittleEndian(content[36..]);
        var points = BinaryPrimitives.ReadInt32LittleEndian(content[40..]);
        var coordinates = content[(FixedLength + (4 * parts))..];
        var firstIsCounterClockwise = SignedArea(coordinates, 0, End(content, 0, parts, points)) > 0;
        if (!firstIsCounterClockwise && parts < 2)
        {
            return null; // one clockwise ring (or degenerate): the usual case
        }

        // First from the bytes, without allocating: the orientation of each ring and the envelopes of the clockwise ones.
        var clockwise = new List<(int Part, Envelope Envelope)>();
        for (var part = 0; part < parts; part++)
        {
            var (start, end) = (BinaryPrimitives.ReadInt32LittleEndian(content[(FixedLength + (4 * part))..]), End(content, part, parts, points));
            if (end - start < 4 || Point(coordinates, start) != Point(coordinates, end - 1))
            {
                return null; // an open or too short ring is no ring to nest: the reader makes it a repair or a reject
            }

            if (part > 0 && SignedArea(coordinates, start, end) < 0 || part == 0 && !firstIsCounterClockwise)
            {
                var envelope = new Envelope();
                for (var i = start; i < end; i++)
                {
                    var (x, y) = Point(coordinates, i);
                    envelope.ExpandToInclude(x, y);
                }

                clockwise.Add((part, envelope));
            }
        }

        if (!firstIsCounterClockwise && !clockwise.Any(a => clockwise.Any(b => a.Part != b.Part && b.Envelope.Contains(a.Envelope) && !a.Envelope.Equals(b.Envelope))))
        {
            return null;
        }

        var rings = new List<Coordinate[]>(parts);
        for (var part = 0; part < parts; part++)
        {
            var start = BinaryPrimitives.ReadInt32LittleEndian(content[(FixedLength + (4 * part))..]);
            var ring = new Coordinate[End(content, part, parts, points) - start];
            for (var i = 0; i < ring.Length; i++)
            {
                var (x, y) = Point(coordinates, start + i);
                ring[i] = new Coordinate(x, y);
            }

            rings.Add(ring);
        }

        return firstIsCounterClockwise || ShellInsideShell(rings, clockwise) ? new ShapeRings(recordNumber, rings) : null;
    }

    private static (double X, double Y) Point(ReadOnlySpan<byte> coordinates, int i) =>
        (BinaryPrimitives.ReadDoubleLittleEndian(coordinates[(16 * i)..]), BinaryPrimitives.ReadDoubleLittleEndian(coordinates[((16 * i) + 8)..]));

    /// <summary>Whether a clockwise ring lies inside another (envelopes first: a record has few shells).</summary>
    private static bool ShellInsideShell(List<Coordinate[]> rings, List<(int Part, Envelope Envelope)> clockwise)
    {
        foreach (var inner in clockwise)
        {
            foreach (var outer in clockwise)
            {
                if (inner.Part != outer.Part && outer.Envelope.Contains(inner.Envelope) && !inner.Envelope.Equals(outer.Envelope)
                    && NetTopologySuite.Algorithm.PointLocation.IsInRing(rings[inner.Part][0], rings[outer.Part]))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static int End(ReadOnlySpan<byte> content, int part, int parts, int points) =>
        part + 1 < parts ? BinaryPrimitives.ReadInt32LittleEndian(content[(FixedLength + (4 * (part + 1)))..]) : points;

    /// <summary>The shoelace sum of points [start, end): positive when counter-clockwise (y up).</summary>
    private static double SignedArea(ReadOnlySpan<byte> coordinates, int start, int end)
    {
        double sum = 0;
        for (var i = start; i < end - 1; i++)
        {
            var (x0, y0) = (BinaryPrimitives.ReadDoubleLittleEndian(coordinates[(16 * i)..]), BinaryPrimitives.ReadDoubleLittleEndian(coordinates[((16 * i) + 8)..]));
            var (x1, y1) = (BinaryPrimitives.ReadDoubleLittleEndian(coordinates[(16 * (i + 1))..]), BinaryPrimitives.ReadDoubleLittleEndian(coordinates[((16 * (i + 1)) + 8)..]));
            sum += (x0 * y1) - (x1 * y0);
        }

        return sum / 2;
    }
}
