using System.IO.Compression;

namespace TigerImport.Tests.Support;

/// <summary>
/// Zips of any size for download tests (the content is not a shapefile; sources only check the zip). Members are
/// stored, not deflated, and hold seeded random bytes, so the zip is as large as asked and the same every run.
/// </summary>
internal static class SyntheticZip
{
    public static byte[] Bytes(int size, int seed = 1)
    {
        using var buffer = new MemoryStream();
        Write(buffer, size, seed);
        return buffer.ToArray();
    }

    public static void WriteFile(string path, long size, int seed = 1)
    {
        using var file = File.Create(path);
        Write(file, size, seed);
    }

    private static void Write(Stream output, long size, int seed)
    {
        const int memberSize = 1 << 20;
        var random = new Random(seed);
        var chunk = new byte[64 * 1024];
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);

        // Headers take ~100 bytes per member: aim a little under the size asked.
        var remaining = Math.Max(1024, size - (size / memberSize + 1) * 120);
        for (var i = 0; remaining > 0; i++)
        {
            var entry = zip.CreateEntry($"part{i:D4}.bin", CompressionLevel.NoCompression);
            using var stream = entry.Open();
            for (var left = Math.Min(memberSize, remaining); left > 0; left -= chunk.Length)
            {
                random.NextBytes(chunk);
                stream.Write(chunk, 0, (int)Math.Min(chunk.Length, left));
            }

            remaining -= memberSize;
        }
    }
}
