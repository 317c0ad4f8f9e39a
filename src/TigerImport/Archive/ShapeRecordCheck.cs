using System.Buffers.Binary;
using NetTopologySuite.IO.Esri;

namespace TigerImport.Archive;

/// <summary>
/// Checks a Polygon, PolyLine, Point or MultiPoint record's content against its own counts before the shapefile reader
/// sees it: the reader trusts the part and point counts (a corrupt count allocated 23 GB) and fails a whole file on one NaN.
/// </summary>
internal static class ShapeRecordCheck
{
    /// <summary>Shape type, bounding box, part count, point count.</summary>
    private const int FixedLength = 4 + 32 + 4 + 4;

    /// <summary>How many points are scanned between two cancellation checks (a record can hold millions).</summary>
    private const int PointsPerCheck = 1 << 20;

    /// <summary>A Point record: shape type, x, y.</summary>
    private const int PointLength = 4 + 16;

    /// <summary>A MultiPoint record before its points: shape type, bounding box, point count.</summary>
    private const int MultiPointFixedLength = 4 + 32 + 4;

    /// <summary>Why the record cannot become a feature, or null when the reader may parse it (a null shape included).</summary>
    public static string? Problem(ReadOnlySpan<byte> content, ShapeType fileType, CancellationToken cancellationToken)
    {
        var type = (ShapeType)BinaryPrimitives.ReadInt32LittleEndian(content);
        if (type == ShapeType.NullShape)
        {
            return null;
        }

        if (type != fileType)
        {
            return $"shape type {Name(type)} in a {fileType} file";
        }

        if (type == ShapeType.Point)
        {
            return content.Length != PointLength
                ? $"a {content.Length}-byte Point record; a Point is {PointLength} bytes"
                : Coordinates(content[4..], 1, cancellationToken);
        }

        if (type == ShapeType.MultiPoint)
        {
            // Shape type, bounding box, point count, then the points: no parts.
            var count = content.Length >= MultiPointFixedLength ? BinaryPrimitives.ReadInt32LittleEndian(content[36..]) : -1;
            return count < 1 || MultiPointFixedLength + 16L * count != content.Length
                ? $"a {content.Length}-byte MultiPoint record claims {count} point(s), which need {MultiPointFixedLength + (16L * Math.Max(count, 0))} bytes"
                : Coordinates(content[MultiPointFixedLength..], count, cancellationToken);
        }

        if (content.Length < FixedLength)
        {
            return $"a {content.Length}-byte record is too short for a {fileType}";
        }

        var parts = BinaryPrimitives.ReadInt32LittleEndian(content[36..]);
        var points = BinaryPrimitives.ReadInt32LittleEndian(content[40..]);
        var needed = FixedLength + 4L * parts + 16L * points;
        if (parts < 1 || points < 1 || needed != content.Length)
        {
            return $"the record claims {parts} part(s) and {points} point(s), which need {needed} bytes; it holds {content.Length}";
        }

        var minimum = fileType == ShapeType.Polygon ? 4 : 2;
        var starts = content.Slice(FixedLength, 4 * parts);
        for (var part = 0; part < parts; part++)
        {
            var start = BinaryPrimitives.ReadInt32LittleEndian(starts[(4 * part)..]);
            var end = part + 1 < parts ? BinaryPrimitives.ReadInt32LittleEndian(starts[(4 * (part + 1))..]) : points;
            if ((part == 0 && start != 0) || start < 0 || end > points || end - start < minimum)
            {
                return $"part {part + 1} of {parts} spans points {start} to {end} of {points}; a part needs at least {minimum}";
            }
        }

        return Coordinates(content[(FixedLength + 4 * parts)..], points, cancellationToken);
    }

    /// <summary>Why one of the record's points is not a finite coordinate, or null.</summary>
    private static string? Coordinates(ReadOnlySpan<byte> coordinates, int points, CancellationToken cancellationToken)
    {
        for (var point = 0; point < points; point++)
        {
            if (point % PointsPerCheck == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var x = BinaryPrimitives.ReadDoubleLittleEndian(coordinates[(16 * point)..]);
            var y = BinaryPrimitives.ReadDoubleLittleEndian(coordinates[(16 * point + 8)..]);
            if (!double.IsFinite(x) || !double.IsFinite(y))
            {
                return $"point {point + 1} is not a finite coordinate ({x}, {y})";
            }
        }

        return null;
    }

    private static string Name(ShapeType type) => Enum.IsDefined(type) ? type.ToString() : ((int)type).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
