namespace TigerImport.Archive;

/// <summary>
/// Lets a forward-only stream (a zip entry being inflated) pass for a seekable one, so the shapefile reader can read
/// straight out of the zip without a temp copy. The reader seeks back only into the file header it has just read
/// (shape type, then the header again), so the first <see cref="HeadSize"/> bytes are kept and can be re-read until
/// the reader moves past them; forward seeks skip bytes; any other seek is a bug and throws.
/// </summary>
internal sealed class ForwardOnlyStream(Stream inner) : ReadOnlyWrapperStream(inner)
{
    /// <summary>Covers the .shp header (100 bytes) and a .dbf header with 250 fields (32 bytes each, plus 33).</summary>
    public const int HeadSize = 8192;

    private readonly byte[] head = new byte[HeadSize];
    private int headLength;
    private long innerPosition;
    private long position;

    public override bool CanSeek => true;

    public override long Length => throw new NotSupportedException("The length of an inflating zip entry is not known to the reader.");

    public override long Position
    {
        get => position;
        set => Seek(value, SeekOrigin.Begin);
    }

    /// <summary>Fills the buffer as far as the entry allows: the reader may not expect the short reads inflation gives.</summary>
    public override int Read(Span<byte> buffer)
    {
        var total = 0;
        if (position < headLength)
        {
            total = (int)Math.Min(buffer.Length, headLength - position);
            head.AsSpan((int)position, total).CopyTo(buffer);
            position += total;
        }

        while (total < buffer.Length)
        {
            var read = Inner.Read(buffer[total..]);
            if (read == 0)
            {
                break;
            }

            KeepHead(buffer.Slice(total, read));
            innerPosition += read;
            position = innerPosition;
            total += read;
        }

        return total;
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        var target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => position + offset,
            _ => throw new NotSupportedException("Seeking from the end of an inflating zip entry is not supported."),
        };
        if (target < position && !(target <= headLength && innerPosition == headLength))
        {
            throw new NotSupportedException($"Cannot seek back to {target} from {position} in a forward-only zip entry.");
        }

        if (target > innerPosition)
        {
            Skip(target - innerPosition);
        }

        position = target;
        return position;
    }

    private void KeepHead(ReadOnlySpan<byte> read)
    {
        if (innerPosition == headLength && headLength < HeadSize)
        {
            var n = Math.Min(read.Length, HeadSize - headLength);
            read[..n].CopyTo(head.AsSpan(headLength));
            headLength += n;
        }
    }

    private void Skip(long count)
    {
        Span<byte> scratch = stackalloc byte[4096];
        while (count > 0)
        {
            var read = Inner.Read(scratch[..(int)Math.Min(count, scratch.Length)]);
            if (read == 0)
            {
                throw new EndOfStreamException("The zip entry ended before the position the reader asked for.");
            }

            KeepHead(scratch[..read]);
            innerPosition += read;
            count -= read;
        }
    }
}
