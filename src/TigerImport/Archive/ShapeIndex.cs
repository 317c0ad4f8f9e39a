using System.Buffers.Binary;

namespace TigerImport.Archive;

/// <summary>
/// The .shx, walked once before any feature is loaded (it is 8 bytes a record, a small fraction of the .shp): its
/// entries must tile the .shp exactly, record after record, so a cut or padded .shp is refused before a row is written,
/// and its entry count is the number of records the .dbf must have.
/// </summary>
internal static class ShapeIndex
{
    public const int EntryLength = 8;

    public static long CountRecords(Stream shx, long shxLength, long shpLength, string archiveName, string memberName, CancellationToken cancellationToken)
    {
        ShapeHeader.Read(shx, shxLength, archiveName, memberName);
        if ((shxLength - ShapeHeader.Length) % EntryLength != 0)
        {
            throw ShapeHeader.Invalid(archiveName, memberName, $"is {shxLength} bytes, not a header plus whole 8-byte entries");
        }

        var count = (shxLength - ShapeHeader.Length) / EntryLength;
        var buffer = new byte[64 * 1024];
        long expectedOffset = ShapeHeader.Length;
        for (long record = 0; record < count;)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var entries = (int)Math.Min(buffer.Length / EntryLength, count - record);
            shx.ReadExactly(buffer, 0, entries * EntryLength);
            for (var i = 0; i < entries; i++, record++)
            {
                var (offset, contentLength) = Entry(buffer.AsSpan(i * EntryLength));
                if (offset != expectedOffset || contentLength < sizeof(int) || offset + EntryLength + contentLength > shpLength)
                {
                    throw ShapeHeader.Invalid(archiveName, memberName, $"entry {record + 1} (offset {offset}, {contentLength} bytes) does not follow record {record} in the {shpLength}-byte .shp");
                }

                expectedOffset = offset + EntryLength + contentLength;
            }
        }

        return expectedOffset == shpLength
            ? count
            : throw ShapeHeader.Invalid(archiveName, memberName, $"indexes {count} records ending at byte {expectedOffset}; the .shp has {shpLength} bytes");
    }

    /// <summary>An index entry: the record's offset in the .shp and its content length, both in bytes.</summary>
    public static (long Offset, long ContentLength) Entry(ReadOnlySpan<byte> entry) =>
        (2L * BinaryPrimitives.ReadInt32BigEndian(entry), 2L * BinaryPrimitives.ReadInt32BigEndian(entry[4..]));
}
