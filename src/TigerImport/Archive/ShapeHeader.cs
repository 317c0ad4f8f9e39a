using System.Buffers.Binary;
using NetTopologySuite.IO.Esri;

namespace TigerImport.Archive;

/// <summary>
/// The 100-byte header the .shp and .shx share: file code 9994, version 1000, the file length in 16-bit words (which
/// must be the member's length: a shorter member was cut), and the shape type.
/// </summary>
internal static class ShapeHeader
{
    public const int Length = 100;

    private const int FileCode = 9994;
    private const int Version = 1000;

    public static ShapeType Read(Stream stream, long memberLength, string archiveName, string member)
    {
        Span<byte> header = stackalloc byte[Length];
        if (stream.ReadAtLeast(header, Length, throwOnEndOfStream: false) < Length)
        {
            throw Invalid(archiveName, member, $"is {memberLength} bytes, shorter than a shapefile header");
        }

        if (BinaryPrimitives.ReadInt32BigEndian(header) != FileCode || BinaryPrimitives.ReadInt32LittleEndian(header[28..]) != Version)
        {
            throw Invalid(archiveName, member, "does not start with a shapefile header");
        }

        // An empty file is only its header; some writers (NetTopologySuite's among them) leave its length 0 then.
        var declared = 2L * BinaryPrimitives.ReadInt32BigEndian(header[24..]);
        if (declared != memberLength && !(declared == 0 && memberLength == Length))
        {
            throw Invalid(archiveName, member, declared > memberLength
                ? $"is shorter than its header says ({memberLength} bytes; the header says {declared})"
                : $"is longer than its header says ({memberLength} bytes; the header says {declared})");
        }

        return (ShapeType)BinaryPrimitives.ReadInt32LittleEndian(header[32..]);
    }

    public static TigerImportException Invalid(string archiveName, string member, string problem) =>
        new(FailureKind.Data, $"{archiveName}: member {member} {problem}.");
}
