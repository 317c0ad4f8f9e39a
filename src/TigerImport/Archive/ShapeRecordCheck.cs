using System.Buffers.Binary;
using NetTopologySuite.IO.Esri;

namespace TigerImport.Archive;

/// <summary>
/// Checks a Polygon or PolyLine record's content against its own counts before the shapefile reader sees it: the reader
/// trusts the part and point counts (a corrupt count allocated 23 GB) and fails a whole file on one NaN.
/// </summary>
internal static class ShapeRecordCheck
{
    /// <summary>Shape type, bounding box, part count, point count.</summary>
    private const int FixedLength = 4 + 32 + 4 + 4;

    /// <summary>How many points are scanned between two cancellation checks (a record can hold millions).</summary>
    private const int PointsPerCheck = 1 << 20;

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

        var coordinates = content[(FixedLength + 4 * parts)..];
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
