using System.IO.Compression;
using System.IO.Hashing;
using System.Text;

namespace TigerImport.Archive;

/// <summary>
/// Tells a zip from what servers send in its place: an HTML error or "you have been blocked" page saved as .zip,
/// or a download cut short (no central directory).
/// </summary>
public static class ZipFileCheck
{
    /// <summary>Inflate buffer for the full check: large enough that the per-call overhead is noise, small enough to stay off the LOH.</summary>
    private const int CheckBufferSize = 64 * 1024;

    private static ReadOnlySpan<byte> LocalFileHeader => "PK\u0003\u0004"u8;

    private static ReadOnlySpan<byte> EmptyArchive => "PK\u0005\u0006"u8;

    /// <summary>Throws a <see cref="FailureKind.Data"/> error naming <paramref name="origin"/> unless the file is a readable zip.</summary>
    /// <param name="origin">Where the bytes came from (a URL, a path), for the message.</param>
    public static void ThrowIfNotZip(string path, string origin)
    {
        var defect = Sniff(path) ?? ReadDirectory(path);
        if (defect is not null)
        {
            throw new TigerImportException(FailureKind.Data, Describe(defect, origin));
        }
    }

    /// <summary>
    /// The full check a download gets before it is handed on or cached: signature, central directory, and every member
    /// inflated with its size and CRC-32 compared with the directory. Null when the file is a sound zip.
    /// </summary>
    public static async Task<ZipDefect?> FindDefectAsync(string path, CancellationToken cancellationToken)
    {
        if ((Sniff(path) ?? ReadDirectory(path)) is { } defect)
        {
            return defect;
        }

        var buffer = new byte[CheckBufferSize];
        try
        {
            await using var zip = await ZipFile.OpenReadAsync(path, cancellationToken);
            foreach (var entry in zip.Entries)
            {
                var crc = new Crc32();
                long length = 0;
                await using (var stream = await entry.OpenAsync(cancellationToken))
                {
                    int read;
                    while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
                    {
                        crc.Append(buffer.AsSpan(0, read));
                        length += read;
                    }
                }

                if (length != entry.Length || crc.GetCurrentHashAsUInt32() != entry.Crc32)
                {
                    return new ZipDefect(ZipDefectKind.Damaged, $"member {entry.FullName} does not match its CRC-32 or size in the zip directory");
                }
            }
        }
        catch (InvalidDataException e)
        {
            return new ZipDefect(ZipDefectKind.Damaged, e.Message);
        }

        return null;
    }

    /// <summary>The message for a defect, naming where the bytes came from.</summary>
    public static string Describe(ZipDefect defect, string origin) => defect.Kind switch
    {
        ZipDefectKind.HtmlPage => $"{origin} is an HTML page, not a zip: the server sent an error page (Census may be blocking this address; try again later or use an S3 mirror).",
        ZipDefectKind.NotZip => $"{origin} is not a zip file ({defect.Detail}).",
        _ => $"{origin} is a damaged zip (truncated download or corrupt file): {defect.Detail}",
    };

    /// <summary>The first bytes: a zip signature, an HTML page, or something else.</summary>
    private static ZipDefect? Sniff(string path)
    {
        Span<byte> start = stackalloc byte[512];
        int read;
        using (var file = File.OpenRead(path))
        {
            read = file.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
        }

        start = start[..read];
        if (start.StartsWith(LocalFileHeader) || start.StartsWith(EmptyArchive))
        {
            return null;
        }

        return LooksLikeHtml(start)
            ? new ZipDefect(ZipDefectKind.HtmlPage, $"{read} bytes of HTML at the start")
            : new ZipDefect(ZipDefectKind.NotZip, $"{read} bytes read, no zip signature");
    }

    private static ZipDefect? ReadDirectory(string path)
    {
        try
        {
            using var zip = ZipFile.OpenRead(path);
            _ = zip.Entries.Count;
            return null;
        }
        catch (InvalidDataException e)
        {
            return new ZipDefect(ZipDefectKind.Damaged, e.Message);
        }
    }

    private static bool LooksLikeHtml(ReadOnlySpan<byte> start)
    {
        var text = Encoding.ASCII.GetString(start).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        return text.StartsWith('<') && (text.Contains("html", StringComparison.OrdinalIgnoreCase) || text.Contains("<!doctype", StringComparison.OrdinalIgnoreCase));
    }
}
