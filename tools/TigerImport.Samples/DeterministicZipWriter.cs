using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using System.Text;

namespace TigerImport.Samples;

/// <summary>Zips files so that the same inputs give the same bytes on every run and operating system.</summary>
/// <remarks>
/// System.IO.Compression.ZipArchive is not used because it writes the host OS into "version made by" and, on Unix only,
/// permission bits into the external attributes, so a zip made on Windows would differ from one made on Linux. Here every
/// header field is fixed: entries in the given order, one timestamp, no extra fields, MS-DOS host, no attributes.
/// The compressed bytes come from the runtime's DeflateStream (zlib-ng): they are stable for a given .NET runtime, and a
/// runtime that changes its deflate implementation changes them (the unzipped content stays identical).
/// No Zip64: entries and the archive must stay under 4 GiB, far above what samples need.
/// </remarks>
public static class DeterministicZipWriter
{
    private const uint LocalHeaderSignature = 0x04034b50;
    private const uint CentralHeaderSignature = 0x02014b50;
    private const uint EndOfCentralDirectorySignature = 0x06054b50;
    private const ushort Version20 = 20; // 2.0: the first version with deflate; high byte 0 = MS-DOS host.
    private const ushort Utf8NameFlag = 1 << 11;
    private const ushort DeflateMethod = 8;
    private const int LocalHeaderSize = 30;
    private const int LocalCrcOffset = 14;
    private const int CopyBufferSize = 81920; // Stream.CopyTo's default; the output does not depend on it.

    /// <summary>Writes a zip holding each file under its file name, in the given order, all dated <paramref name="lastModified"/>.</summary>
    public static void Write(string zipPath, IReadOnlyList<string> files, DateOnly lastModified)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (files.Count > ushort.MaxValue)
        {
            throw new ArgumentException($"A zip without Zip64 holds at most {ushort.MaxValue} entries.", nameof(files));
        }

        var (dosTime, dosDate) = ToDosDateTime(lastModified);
        var entries = new List<WrittenEntry>(files.Count);
        using var zip = File.Create(zipPath);
        foreach (var file in files)
        {
            entries.Add(WriteEntry(zip, file, dosTime, dosDate));
        }

        var centralDirectoryOffset = zip.Position;
        foreach (var entry in entries)
        {
            WriteCentralHeader(zip, entry, dosTime, dosDate);
        }

        var centralDirectorySize = zip.Position - centralDirectoryOffset;
        Span<byte> end = stackalloc byte[22];
        BinaryPrimitives.WriteUInt32LittleEndian(end, EndOfCentralDirectorySignature);
        BinaryPrimitives.WriteUInt16LittleEndian(end[8..], (ushort)entries.Count);
        BinaryPrimitives.WriteUInt16LittleEndian(end[10..], (ushort)entries.Count);
        BinaryPrimitives.WriteUInt32LittleEndian(end[12..], ToZip32(centralDirectorySize));
        BinaryPrimitives.WriteUInt32LittleEndian(end[16..], ToZip32(centralDirectoryOffset));
        zip.Write(end);
    }

    private static WrittenEntry WriteEntry(FileStream zip, string file, ushort dosTime, ushort dosDate)
    {
        var name = Encoding.UTF8.GetBytes(Path.GetFileName(file));
        var flags = name.All(b => b < 0x80) ? (ushort)0 : Utf8NameFlag;
        var headerOffset = zip.Position;

        // CRC and sizes are known only after compressing: write the header with zeros, then patch it.
        Span<byte> header = stackalloc byte[LocalHeaderSize];
        BinaryPrimitives.WriteUInt32LittleEndian(header, LocalHeaderSignature);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], Version20);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], flags);
        BinaryPrimitives.WriteUInt16LittleEndian(header[8..], DeflateMethod);
        BinaryPrimitives.WriteUInt16LittleEndian(header[10..], dosTime);
        BinaryPrimitives.WriteUInt16LittleEndian(header[12..], dosDate);
        BinaryPrimitives.WriteUInt16LittleEndian(header[26..], (ushort)name.Length);
        zip.Write(header);
        zip.Write(name);

        var crc = new Crc32();
        var dataOffset = zip.Position;
        long uncompressedSize = 0;
        using (var source = File.OpenRead(file))
        using (var deflate = new DeflateStream(zip, CompressionLevel.Optimal, leaveOpen: true))
        {
            var buffer = new byte[CopyBufferSize];
            int read;
            while ((read = source.Read(buffer)) > 0)
            {
                crc.Append(buffer.AsSpan(0, read));
                deflate.Write(buffer, 0, read);
                uncompressedSize += read;
            }
        }

        var entry = new WrittenEntry(name, flags, crc.GetCurrentHashAsUInt32(),
            ToZip32(zip.Position - dataOffset), ToZip32(uncompressedSize), ToZip32(headerOffset));
        var endOfData = zip.Position;
        Span<byte> sizes = stackalloc byte[12];
        BinaryPrimitives.WriteUInt32LittleEndian(sizes, entry.Crc);
        BinaryPrimitives.WriteUInt32LittleEndian(sizes[4..], entry.CompressedSize);
        BinaryPrimitives.WriteUInt32LittleEndian(sizes[8..], entry.UncompressedSize);
        zip.Position = headerOffset + LocalCrcOffset;
        zip.Write(sizes);
        zip.Position = endOfData;
        return entry;
    }

    private static void WriteCentralHeader(FileStream zip, WrittenEntry entry, ushort dosTime, ushort dosDate)
    {
        // Fields left zero: extra field, comment, disk number, internal and external attributes.
        Span<byte> header = stackalloc byte[46];
        BinaryPrimitives.WriteUInt32LittleEndian(header, CentralHeaderSignature);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], Version20);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], Version20);
        BinaryPrimitives.WriteUInt16LittleEndian(header[8..], entry.Flags);
        BinaryPrimitives.WriteUInt16LittleEndian(header[10..], DeflateMethod);
        BinaryPrimitives.WriteUInt16LittleEndian(header[12..], dosTime);
        BinaryPrimitives.WriteUInt16LittleEndian(header[14..], dosDate);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], entry.Crc);
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], entry.CompressedSize);
        BinaryPrimitives.WriteUInt32LittleEndian(header[24..], entry.UncompressedSize);
        BinaryPrimitives.WriteUInt16LittleEndian(header[28..], (ushort)entry.Name.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(header[42..], entry.LocalHeaderOffset);
        zip.Write(header);
        zip.Write(entry.Name);
    }

    private static (ushort Time, ushort Date) ToDosDateTime(DateOnly date)
    {
        // MS-DOS dates count years from 1980 in 7 bits; the time is midnight.
        if (date.Year is < 1980 or > 2107)
        {
            throw new ArgumentOutOfRangeException(nameof(date), date, "Zip (MS-DOS) dates run from 1980 to 2107.");
        }

        return (0, (ushort)(((date.Year - 1980) << 9) | (date.Month << 5) | date.Day));
    }

    private static uint ToZip32(long value) =>
        value <= uint.MaxValue ? (uint)value : throw new InvalidOperationException("The zip would need Zip64, which this writer does not write.");

    private sealed record WrittenEntry(byte[] Name, ushort Flags, uint Crc, uint CompressedSize, uint UncompressedSize, uint LocalHeaderOffset);
}
