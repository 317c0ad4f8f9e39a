namespace TigerImport.Archive;

/// <summary>
/// The .dbf as the reader reads it, with a copy of the last few records' raw bytes kept aside, so each record's fields
/// can be checked as dBASE wrote them (<see cref="DbfRecordCheck"/>) rather than as the reader chose to parse them: a
/// logical of garbage or a numeric overflow marker would otherwise become a silent NULL.
/// </summary>
internal sealed class DbfRecordTap(Stream inner, DbfHeader header) : ReadOnlyWrapperStream(inner)
{
    /// <summary>The reader parses a record at a time; a few kept are plenty.</summary>
    private const int Kept = 16;

    private readonly Dictionary<long, byte[]> records = [];
    private long position;
    private byte[]? current;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => position;
        set => throw new NotSupportedException();
    }

    /// <summary>The raw bytes of record <paramref name="recordNumber"/> (from 1), deletion flag first, or null when they are no longer (or not yet) kept.</summary>
    public byte[]? Record(int recordNumber) => records.GetValueOrDefault(recordNumber - 1);

    public override int Read(Span<byte> buffer)
    {
        var read = Inner.Read(buffer);
        Keep(buffer[..read]);
        return read;
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    private void Keep(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            var intoRecords = position - header.HeaderLength;
            if (intoRecords < 0)
            {
                var skip = (int)Math.Min(-intoRecords, bytes.Length);
                position += skip;
                bytes = bytes[skip..];
                continue;
            }

            var index = intoRecords / header.RecordLength;
            var at = (int)(intoRecords % header.RecordLength);
            if (index >= header.RecordCount)
            {
                position += bytes.Length;
                return;
            }

            current ??= new byte[header.RecordLength];
            var n = Math.Min(bytes.Length, header.RecordLength - at);
            bytes[..n].CopyTo(current.AsSpan(at));
            position += n;
            bytes = bytes[n..];
            if (at + n == header.RecordLength)
            {
                records[index] = current;
                records.Remove(index - Kept);
                current = null;
            }
        }
    }
}
