using System.Buffers.Binary;
using System.Text;

namespace TigerImport.Tests.Integrity;

/// <summary>
/// Lies a file can tell while every byte is well-formed: rows misaligned with shapes, moved coordinates, one shape
/// repeated, another identity. Each leaves a valid shapefile (record lengths, the .shx and every bounding box agree).
/// </summary>
internal static class SemanticMutations
{
    /// <summary>The .dbf rows rotated by <paramref name="by"/> against the .shp records (the last row first).</summary>
    public static void RotateDbfRows(this ShapefileZip zip, int by = 1)
    {
        var dbf = zip.Member(".dbf");
        var (header, length, count) = (zip.DbfHeaderLength, zip.DbfRecordLength, zip.RecordCount);
        var rows = Enumerable.Range(0, count).Select(i => dbf.AsSpan(header + (i * length), length).ToArray()).ToList();
        for (var i = 0; i < count; i++)
        {
            rows[((i + by) % count + count) % count].CopyTo(dbf, header + (i * length));
        }
    }

    /// <summary>Two .dbf rows swapped (records numbered from 1).</summary>
    public static void SwapDbfRows(this ShapefileZip zip, int a, int b)
    {
        var dbf = zip.Member(".dbf");
        var (header, length) = (zip.DbfHeaderLength, zip.DbfRecordLength);
        var first = dbf.AsSpan(header + ((a - 1) * length), length).ToArray();
        dbf.AsSpan(header + ((b - 1) * length), length).CopyTo(dbf.AsSpan(header + ((a - 1) * length)));
        first.CopyTo(dbf, header + ((b - 1) * length));
    }

    /// <summary>A text field's value in a record (from 1), trimmed.</summary>
    public static string DbfText(this ShapefileZip zip, int record, string field)
    {
        var (_, offset, width) = zip.DbfField(field);
        return Encoding.Latin1.GetString(zip.Member(".dbf"), zip.DbfHeaderLength + ((record - 1) * zip.DbfRecordLength) + offset, width).Trim();
    }

    /// <summary>Sets a numeric field's value in a record (from 1), right-aligned as dBASE writes numbers.</summary>
    public static void SetDbfNumber(this ShapefileZip zip, int record, string field, long value)
    {
        var (_, offset, width) = zip.DbfField(field);
        Encoding.ASCII.GetBytes(value.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(width)).CopyTo(zip.Member(".dbf"), zip.DbfHeaderLength + ((record - 1) * zip.DbfRecordLength) + offset);
    }

    /// <summary>Moves every point (and every bounding box) of the .shp by <paramref name="move"/>, or only record <paramref name="only"/>'s (from 1).</summary>
    public static void MovePoints(this ShapefileZip zip, Func<double, double, (double X, double Y)> move, int? only = null)
    {
        var shp = zip.Member(".shp");
        var (fileMin, fileMax) = ((X: double.MaxValue, Y: double.MaxValue), (X: double.MinValue, Y: double.MinValue));
        for (var record = 1; record <= zip.RecordCount; record++)
        {
            var content = zip.ContentOffset(record);
            if (BinaryPrimitives.ReadInt32LittleEndian(shp.AsSpan(content)) == 0)
            {
                continue;
            }

            var parts = BinaryPrimitives.ReadInt32LittleEndian(shp.AsSpan(content + 36));
            var points = content + 44 + (4 * parts);
            var (min, max) = ((X: double.MaxValue, Y: double.MaxValue), (X: double.MinValue, Y: double.MinValue));
            for (var i = 0; i < zip.PointCount(record); i++)
            {
                var at = points + (16 * i);
                var (x0, y0) = (BinaryPrimitives.ReadDoubleLittleEndian(shp.AsSpan(at)), BinaryPrimitives.ReadDoubleLittleEndian(shp.AsSpan(at + 8)));
                var (x, y) = only is null || only == record ? move(x0, y0) : (x0, y0);
                BinaryPrimitives.WriteDoubleLittleEndian(shp.AsSpan(at), x);
                BinaryPrimitives.WriteDoubleLittleEndian(shp.AsSpan(at + 8), y);
                (min, max) = ((Math.Min(min.X, x), Math.Min(min.Y, y)), (Math.Max(max.X, x), Math.Max(max.Y, y)));
            }

            WriteBox(shp, content + 4, min, max);
            (fileMin, fileMax) = ((Math.Min(fileMin.X, min.X), Math.Min(fileMin.Y, min.Y)), (Math.Max(fileMax.X, max.X), Math.Max(fileMax.Y, max.Y)));
        }

        WriteBox(shp, 36, fileMin, fileMax);
    }

    /// <summary>Every .shp record replaced by record <paramref name="source"/>'s shape; the .shx is rebuilt to match.</summary>
    public static void RepeatShape(this ShapefileZip zip, int source)
    {
        var shp = zip.Member(".shp");
        var content = zip.ContentOffset(source);
        var length = 2 * BinaryPrimitives.ReadInt32BigEndian(shp.AsSpan(content - 4));
        var shape = shp.AsSpan(content, length).ToArray();
        var count = zip.RecordCount;
        var newShp = new byte[100 + (count * (8 + length))];
        shp.AsSpan(0, 100).CopyTo(newShp);
        var shx = zip.Member(".shx").AsSpan(0, 100).ToArray().Concat(new byte[8 * count]).ToArray();
        for (var i = 0; i < count; i++)
        {
            var at = 100 + (i * (8 + length));
            BinaryPrimitives.WriteInt32BigEndian(newShp.AsSpan(at), i + 1);
            BinaryPrimitives.WriteInt32BigEndian(newShp.AsSpan(at + 4), length / 2);
            shape.CopyTo(newShp, at + 8);
            BinaryPrimitives.WriteInt32BigEndian(shx.AsSpan(100 + (8 * i)), at / 2);
            BinaryPrimitives.WriteInt32BigEndian(shx.AsSpan(104 + (8 * i)), length / 2);
        }

        BinaryPrimitives.WriteInt32BigEndian(newShp.AsSpan(24), newShp.Length / 2);
        BinaryPrimitives.WriteInt32BigEndian(shx.AsSpan(24), shx.Length / 2);
        zip.Replace(".shp", newShp);
        zip.Replace(".shx", shx);
    }

    /// <summary>The .dbf header's last-update date.</summary>
    public static void SetDbfDate(this ShapefileZip zip, int year, int month, int day)
    {
        var dbf = zip.Member(".dbf");
        (dbf[1], dbf[2], dbf[3]) = ((byte)(year - 1900), (byte)month, (byte)day);
    }

    private static void WriteBox(byte[] shp, int at, (double X, double Y) min, (double X, double Y) max)
    {
        BinaryPrimitives.WriteDoubleLittleEndian(shp.AsSpan(at), min.X);
        BinaryPrimitives.WriteDoubleLittleEndian(shp.AsSpan(at + 8), min.Y);
        BinaryPrimitives.WriteDoubleLittleEndian(shp.AsSpan(at + 16), max.X);
        BinaryPrimitives.WriteDoubleLittleEndian(shp.AsSpan(at + 24), max.Y);
    }

    /// <summary>
    /// The values of <paramref name="fields"/> rotated by <paramref name="by"/> among the records (each group of records
    /// with one value of <paramref name="within"/> on its own, when given); the other fields stay with their shapes.
    /// </summary>
    public static void RotateDbfFields(this ShapefileZip zip, IReadOnlyList<string> fields, int by = 1, string? within = null)
    {
        var groups = Enumerable.Range(1, zip.RecordCount).GroupBy(r => within is null ? "" : zip.DbfText(r, within)).Select(g => g.ToList()).ToList();
        foreach (var field in fields)
        {
            foreach (var records in groups)
            {
                var values = records.Select(r => Encoding.Latin1.GetBytes(zip.DbfText(r, field))).ToList();
                for (var i = 0; i < records.Count; i++)
                {
                    zip.SetDbfBytes(records[i], field, values[((i + by) % records.Count + records.Count) % records.Count]);
                }
            }
        }
    }
}
