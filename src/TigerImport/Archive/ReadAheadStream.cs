using System.Buffers;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;

namespace TigerImport.Archive;

/// <summary>
/// Inflates (and CRC-checks) a zip member on a thread of its own, a few chunks ahead of the reader, so inflating the
/// .shp and the .dbf overlaps parsing them: inflation was a fifth of the reader thread's time, and that thread paces a
/// large file's load. Memory stays bounded (<see cref="Depth"/> × <see cref="ChunkLength"/> per member). An error of
/// the member (corrupt data, a CRC mismatch at its end) reaches the reader where it stands in the member, after every
/// byte before it.
/// </summary>
internal sealed class ReadAheadStream : ReadOnlyWrapperStream, IVerifiableStream
{
    private const int ChunkLength = 256 * 1024;
    private const int Depth = 4;

    private readonly Crc32CheckingStream member;
    private readonly Channel<Chunk> chunks = Channel.CreateBounded<Chunk>(new BoundedChannelOptions(Depth) { SingleReader = true, SingleWriter = true });
    private readonly CancellationTokenSource stop = new();
    private readonly Task filling;
    private ExceptionDispatchInfo? failure;
    private Chunk current = new([], 0);
    private int served;
    private long position;
    private bool disposed;

    private readonly IDisposable zip;

    /// <param name="member">The member, from a zip of its own: a ZipArchive's entries cannot be read on two threads at once.</param>
    /// <param name="zip">That zip, disposed with this stream.</param>
    public ReadAheadStream(Crc32CheckingStream member, IDisposable zip)
        : base(member)
    {
        this.member = member;
        this.zip = zip;
        filling = Task.Factory.StartNew(Fill, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    public override bool CanSeek => false;

    public override long Length => member.Length;

    public override long Position
    {
        get => position;
        set => throw new NotSupportedException();
    }

    public override int Read(Span<byte> buffer)
    {
        var total = 0;
        while (total < buffer.Length && (served < current.Length || NextChunk()))
        {
            var n = Math.Min(buffer.Length - total, current.Length - served);
            current.Buffer.AsSpan(served, n).CopyTo(buffer[total..]);
            served += n;
            total += n;
        }

        position += total;
        return total;
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <summary>Reads what the reader left, so the member's CRC and size are checked (at its end, by the fill thread).</summary>
    public void ReadToEndAndVerify()
    {
        Span<byte> scratch = stackalloc byte[8192];
        while (Read(scratch) > 0)
        {
        }

        filling.GetAwaiter().GetResult();
        member.ReadToEndAndVerify();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !disposed)
        {
            disposed = true;

            // The fill thread must be done with the member before it (and the zip) are disposed.
            stop.Cancel();
            filling.GetAwaiter().GetResult();
            Return(current);
            while (chunks.Reader.TryRead(out var chunk))
            {
                Return(chunk);
            }

            stop.Dispose();
            base.Dispose(disposing);
            zip.Dispose();
            return;
        }

        base.Dispose(disposing);
    }

    private bool NextChunk()
    {
        Return(current);
        current = new([], 0);
        served = 0;
        while (!chunks.Reader.TryRead(out current!))
        {
            if (!chunks.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
            {
                current = new([], 0);
                failure?.Throw();
                return false;
            }
        }

        return true;
    }

    private void Fill()
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var buffer = ArrayPool<byte>.Shared.Rent(ChunkLength);
                var length = member.ReadAtLeast(buffer.AsSpan(0, ChunkLength), ChunkLength, throwOnEndOfStream: false);
                if (length == 0)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    break;
                }

                var chunk = new Chunk(buffer, length);
                while (!chunks.Writer.TryWrite(chunk))
                {
                    if (!chunks.Writer.WaitToWriteAsync(stop.Token).AsTask().GetAwaiter().GetResult())
                    {
                        return;
                    }
                }

                if (length < ChunkLength)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Disposed before the end: nothing more is read.
        }
        catch (Exception e)
        {
            // Surfaces in Read once every chunk before it has been read.
            failure = ExceptionDispatchInfo.Capture(e);
        }
        finally
        {
            chunks.Writer.TryComplete();
        }
    }

    private static void Return(Chunk chunk)
    {
        if (chunk.Buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(chunk.Buffer);
        }
    }

    private sealed record Chunk(byte[] Buffer, int Length);
}
