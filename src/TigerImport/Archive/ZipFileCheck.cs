using System.IO.Compression;
using System.Text;

namespace TigerImport.Archive;

/// <summary>
/// Tells a zip from what servers send in its place: an HTML error or "you have been blocked" page saved as .zip,
/// or a download cut short (no central directory).
/// </summary>
public static class ZipFileCheck
{
    private static ReadOnlySpan<byte> LocalFileHeader => "PK\u0003\u0004"u8;

    private static ReadOnlySpan<byte> EmptyArchive => "PK\u0005\u0006"u8;

    /// <summary>Throws a <see cref="FailureKind.Data"/> error naming <paramref name="origin"/> unless the file is a readable zip.</summary>
    /// <param name="origin">Where the bytes came from (a URL, a path), for the message.</param>
    public static void ThrowIfNotZip(string path, string origin)
    {
        Span<byte> start = stackalloc byte[512];
        int read;
        using (var file = File.OpenRead(path))
        {
            read = file.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
        }

        start = start[..read];
        if (!start.StartsWith(LocalFileHeader) && !start.StartsWith(EmptyArchive))
        {
            throw new TigerImportException(FailureKind.Data, LooksLikeHtml(start)
                ? $"{origin} is an HTML page, not a zip: the server sent an error page (Census may be blocking this address; try again later or use an S3 mirror)."
                : $"{origin} is not a zip file ({read} bytes read, no zip signature).");
        }

        try
        {
            using var zip = ZipFile.OpenRead(path);
            _ = zip.Entries.Count;
        }
        catch (InvalidDataException e)
        {
            throw new TigerImportException(FailureKind.Data, $"{origin} is a damaged zip (truncated download or corrupt file): {e.Message}", e);
        }
    }

    private static bool LooksLikeHtml(ReadOnlySpan<byte> start)
    {
        var text = Encoding.ASCII.GetString(start).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        return text.StartsWith('<') && (text.Contains("html", StringComparison.OrdinalIgnoreCase) || text.Contains("<!doctype", StringComparison.OrdinalIgnoreCase));
    }
}
