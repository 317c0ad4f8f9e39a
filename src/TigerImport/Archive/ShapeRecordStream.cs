using System.Buffers.Binary;
using NetTopologySuite.IO.Esri;

namespace TigerImport.Archive;

/// <summary>
/// The .shp as the shapefile reader sees it, one whole record at a time: each record's header must match its .shx
/// entry, its length must fit <see cref="MaxRecordLength"/>, and its content must pass <see cref="ShapeRecordCheck"/>.
/// A record that does not is handed on as a null shape of the same length (so every later offset still holds) and
/// reported as <see cref="Defect"/>; the loader rejects that feature with its raw bytes. So memory never depends on a
/// count the file claims, and one damaged record costs one feature, not the file.
/// A stream layer under the library rather than a reader of our own: the library's polygon assembly (shells, holes,
/// nesting) is what the ogr2ogr agreement tests pin down, and this costs one copy of each record (a few % of a load).
/// </summary>
internal sealed class ShapeRecordStream : ReadOnlyWrapperStream
{
    /// <summary>
    /// The largest record accepted: 8 million points, far above the largest real TIGER shape (the national coastline and
    /// state outlines are under 10 MB a record), and small enough that the reader's own copies fit the heap limit.
    /// </summary>
    public const int MaxRecordLength = 128 << 20;

    private const int RecordHeaderLength = 8;
    private const int ChunkLength = 1 << 20;

    private readonly Stream shx;
    private readonly long shpLength;
    private readonly ShapeType fileType;
    private readonly string archiveName;
    private readonly string memberName;
    private readonly CancellationToken cancellationToken;
    private byte[] buffer = new byte[ShapeHeader.Length];
    private int filled;
    private int served;
    private long position;
    private int recordNumber;

    public ShapeRecordStream(Stream shp, Stream shx, long shpLength, ShapeType fileType, string archiveName, string memberName, CancellationToken cancellationToken)
        : base(shp)
    {
        this.shx = shx;
        this.shpLength = shpLength;
        this.fileType = fileType;
        this.archiveName = archiveName;
        this.memberName = memberName;
        this.cancellationToken = cancellationToken;

        // Both headers were checked when the archive was opened; the reader gets the .shp's, the .shx's is skipped.
        Fill(ShapeHeader.Length);
        shx.ReadExactly(new byte[ShapeHeader.Length]);
    }

    /// <summary>The defect of the record handed on last, or null when it went to the reader as it was.</summary>
    public ShapeDefect? Defect { get; private set; }

    /// <summary>The last record's rings in file order when its orientation cannot be trusted (<see cref="ShapeRings"/>), else null.</summary>
    public ShapeRings? Rings { get; private set; }

    public override bool CanSeek => false;

    public override long Length => shpLength;

    public override long Position
    {
        get => position - (filled - served);
        set => throw new NotSupportedException();
    }

    public override int Read(Span<byte> destination)
    {
        var total = 0;
        while (total < destination.Length && (served < filled || NextRecord()))
        {
            var n = Math.Min(destination.Length - total, filled - served);
            buffer.AsSpan(served, n).CopyTo(destination[total..]);
            served += n;
            total += n;
        }

        return total;
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    private bool NextRecord()
    {
        if (position == shpLength)
        {
            return false;
        }

        cancellationToken.ThrowIfCancellationRequested();
        recordNumber++;
        Span<byte> entry = stackalloc byte[ShapeIndex.EntryLength];
        if (shx.ReadAtLeast(entry, entry.Length, throwOnEndOfStream: false) < entry.Length)
        {
            throw Invalid($"has more records than its .shx indexes (record {recordNumber})");
        }

        var (offset, contentLength) = ShapeIndex.Entry(entry);
        if (offset != position || contentLength > MaxRecordLength)
        {
            throw Invalid(contentLength > MaxRecordLength
                ? $"record {recordNumber} is {contentLength} bytes, more than the {MaxRecordLength} a record may be"
                : $"record {recordNumber} is at byte {position}; the .shx says {offset}");
        }

        Fill(RecordHeaderLength + (int)contentLength);
        var header = buffer.AsSpan(0, RecordHeaderLength);
        if (BinaryPrimitives.ReadInt32BigEndian(header) != recordNumber || 2L * BinaryPrimitives.ReadInt32BigEndian(header[4..]) != contentLength)
        {
            throw Invalid($"record {recordNumber}'s header (number {BinaryPrimitives.ReadInt32BigEndian(header)}, {2L * BinaryPrimitives.ReadInt32BigEndian(header[4..])} bytes) does not match the .shx ({contentLength} bytes)");
        }

        var content = buffer.AsSpan(RecordHeaderLength, (int)contentLength);
        Defect = ShapeRecordCheck.Problem(content, fileType, cancellationToken) is { } reason
            ? new ShapeDefect(recordNumber, reason, content.ToArray())
            : null;
        Rings = Defect is null ? ShapeRings.WhenOrientationMisleads(recordNumber, content) : null;
        if (Defect is not null)
        {
            // A null shape of the same length: the reader yields an empty feature and skips the rest of the content.
            content.Clear();
        }

        return true;
    }

    /// <summary>Reads the next <paramref name="length"/> bytes of the .shp into the buffer, in chunks so a stop is heard.</summary>
    private void Fill(int length)
    {
        if (buffer.Length < length)
        {
            buffer = new byte[Math.Max(length, Math.Min(2 * buffer.Length, MaxRecordLength + RecordHeaderLength))];
        }

        for (var read = 0; read < length;)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var n = Inner.Read(buffer.AsSpan(read, Math.Min(ChunkLength, length - read)));
            if (n == 0)
            {
                throw Invalid($"ends at byte {position + read}, inside record {recordNumber}");
            }

            read += n;
        }

        position += length;
        filled = length;
        served = 0;
    }

    private TigerImportException Invalid(string problem) => ShapeHeader.Invalid(archiveName, memberName, problem);
}
