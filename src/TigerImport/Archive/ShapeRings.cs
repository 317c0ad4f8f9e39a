using System.Buffers.Binary;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Esri;

namespace TigerImport.Archive;

/// <summary>
/// The rings of a Polygon record in file order, kept when orientation cannot be trusted to say shell from hole: GDAL
/// (and so ogr2ogr) reads a record whose first ring is counter-clockwise — every ring reversed, or a hole listed
/// before its shell — by nesting alone, and so must the importer (<see cref="Geometry.RingNesting"/>).
/// </summary>
public sealed record ShapeRings(int RecordNumber, IReadOnlyList<Coordinate[]> Rings)
{
    private const int FixedLength = 4 + 32 + 4 + 4;

    /// <summary>
    /// The record's rings when its first ring is counter-clockwise, else null (the reader's orientation rule agrees
    /// with GDAL's). Call only on content <see cref="ShapeRecordCheck"/> found well-formed.
    /// </summary>
    internal static ShapeRings? WhenFirstRingIsCounterClockwise(int recordNumber, ReadOnlySpan<byte> content)
    {
        if ((ShapeType)BinaryPrimitives.ReadInt32LittleEndian(content) != ShapeType.Polygon)
        {
            return null;
        }

        var parts = BinaryPrimitives.ReadInt32LittleEndian(content[36..]);
        var points = BinaryPrimitives.ReadInt32LittleEndian(content[40..]);
        var coordinates = content[(FixedLength + (4 * parts))..];
        if (SignedArea(coordinates, 0, End(content, 0, parts, points)) <= 0)
        {
            return null; // clockwise (or degenerate): the usual case
        }

        var rings = new List<Coordinate[]>(parts);
        for (var part = 0; part < parts; part++)
        {
            var start = BinaryPrimitives.ReadInt32LittleEndian(content[(FixedLength + (4 * part))..]);
            var ring = new Coordinate[End(content, part, parts, points) - start];
            for (var i = 0; i < ring.Length; i++)
            {
                ring[i] = new Coordinate(
                    BinaryPrimitives.ReadDoubleLittleEndian(coordinates[(16 * (start + i))..]),
                    BinaryPrimitives.ReadDoubleLittleEndian(coordinates[((16 * (start + i)) + 8)..]));
            }

            // An open or too short ring is no ring to nest: the reader's own handling makes it a repair or a reject.
            if (ring.Length < 4 || !ring[0].Equals2D(ring[^1]))
            {
                return null;
            }

            rings.Add(ring);
        }

        return new ShapeRings(recordNumber, rings);
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
