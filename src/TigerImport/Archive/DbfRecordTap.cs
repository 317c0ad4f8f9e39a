namespace TigerImport.Archive;

/// <summary>
/// The .dbf as the reader reads it, with a copy of the last few records' raw bytes kept aside, so each record's fields
/// can be checked as dBASE wrote them (<see cref="DbfRecordCheck"/>) rather than as the reader chose to parse them: a
/// logical of garbage or a numeric overflow marker would otherwise become a silent NULL. A record reaches the reader
/// only whole, and a numeric field the check refuses (NaN, <c>abc</c>, a fraction in a field of no decimals) reaches it
/// blank: the reader would throw on it and fail the whole file, where the check rejects that one record, naming the field.
/// </summary>
internal sealed class DbfRecordTap(Stream inner, DbfHeader header) : ReadOnlyWrapperStream(inner)
{
    /// <summary>The reader parses a record at a time; a few kept are plenty.</summary>
    private const int Kept = 16;

    private readonly Dictionary<long, byte[]> records = [];
    private long position;
    private byte[] pending = [];
    private int served;

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
        if (buffer.IsEmpty)
        {
            return 0;
        }

        if (served == pending.Length && !Fill())
        {
            return 0;
        }

        var n = Math.Min(buffer.Length, pending.Length - served);
        pending.AsSpan(served, n).CopyTo(buffer);
        served += n;
        position += n;
        return n;
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <summary>Reads the next piece for the reader: the rest of the header, one whole record, or what follows the records.</summary>
    private bool Fill()
    {
        var intoRecords = position - header.HeaderLength;
        var index = intoRecords < 0 ? -1 : intoRecords / header.RecordLength;
        if (index < 0 || index >= header.RecordCount || intoRecords % header.RecordLength != 0)
        {
            var size = intoRecords < 0 ? (int)Math.Min(-intoRecords, 64 * 1024) : 64 * 1024;
            var chunk = new byte[size];
            var read = Inner.Read(chunk);
            (pending, served) = (chunk[..read], 0);
            return read > 0;
        }

        var record = new byte[header.RecordLength];
        var got = 0;
        while (got < record.Length && Inner.Read(record.AsSpan(got)) is var r and > 0)
        {
            got += r;
        }

        if (got < record.Length)
        {
            (pending, served) = (record[..got], 0);
            return got > 0;
        }

        records[index] = record;
        records.Remove(index - Kept);
        (pending, served) = (DbfRecordCheck.BlankRefusedNumbers(record, header.Fields), 0);
        return true;
    }
}
