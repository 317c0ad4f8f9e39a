using System.Text;

namespace TigerImport.Archive;

/// <summary>
/// A decoder fallback that substitutes U+FFFD like the default one, but counts every byte it could not decode, so a
/// wrong encoding is reported instead of silently garbling names.
/// </summary>
internal sealed class UndecodableByteCounter : DecoderFallback
{
    private long count;

    /// <summary>Bytes that did not decode, across every string decoded with this fallback.</summary>
    public long Count => Interlocked.Read(ref count);

    public override int MaxCharCount => 1;

    public override DecoderFallbackBuffer CreateFallbackBuffer() => new Buffer(this);

    private sealed class Buffer(UndecodableByteCounter owner) : DecoderFallbackBuffer
    {
        private bool pending;

        public override int Remaining => pending ? 1 : 0;

        public override bool Fallback(byte[] bytesUnknown, int index)
        {
            Interlocked.Add(ref owner.count, bytesUnknown.Length);
            pending = true;
            return true;
        }

        public override char GetNextChar()
        {
            if (!pending)
            {
                return '\0';
            }

            pending = false;
            return '\uFFFD';
        }

        public override bool MovePrevious() => false;

        public override void Reset() => pending = false;
    }
}
