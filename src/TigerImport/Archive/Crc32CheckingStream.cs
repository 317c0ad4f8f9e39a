using System.IO.Compression;
using System.IO.Hashing;

namespace TigerImport.Archive;

/// <summary>Computes a zip entry's CRC-32 as it is read and compares it with the central directory at the end.</summary>
internal sealed class Crc32CheckingStream(ZipArchiveEntry entry, string archiveName) : ReadOnlyWrapperStream(OpenEntry(entry, archiveName)), IVerifiableStream
{
    private readonly Crc32 crc = new();
    private long length;
    private bool verified;

    public override bool CanSeek => false;

    public override long Length => entry.Length;

    public override long Position
    {
        get => length;
        set => throw new NotSupportedException();
    }

    public override int Read(Span<byte> buffer)
    {
        int read;
        try
        {
            read = Inner.Read(buffer);
        }
        catch (InvalidDataException e)
        {
            throw Corrupt(e.Message, e);
        }

        crc.Append(buffer[..read]);
        length += read;
        if (read == 0 && buffer.Length > 0)
        {
            Verify();
        }

        return read;
    }

    /// <summary>Reads what the shapefile reader left (the .dbf end marker, padding) and checks size and CRC.</summary>
    public void ReadToEndAndVerify()
    {
        Span<byte> scratch = stackalloc byte[8192];
        while (Read(scratch) > 0)
        {
        }

        Verify();
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    private void Verify()
    {
        if (verified)
        {
            return;
        }

        verified = true;
        if (length != entry.Length || crc.GetCurrentHashAsUInt32() != entry.Crc32)
        {
            throw Corrupt("CRC-32 or size does not match the zip directory", null);
        }
    }

    private static TigerImportException Corrupt(ZipArchiveEntry entry, string archiveName, string problem, Exception? inner) =>
        new(FailureKind.Data, $"{archiveName}: member {entry.FullName} is corrupt ({problem}).", inner);

    /// <summary>Opening reads the member's local header, which can be damaged too.</summary>
    private static Stream OpenEntry(ZipArchiveEntry entry, string archiveName)
    {
        try
        {
            return entry.Open();
        }
        catch (InvalidDataException e)
        {
            throw Corrupt(entry, archiveName, e.Message, e);
        }
    }

    private TigerImportException Corrupt(string problem, Exception? inner) => Corrupt(entry, archiveName, problem, inner);
}
