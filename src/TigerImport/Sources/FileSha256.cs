using System.Security.Cryptography;

namespace TigerImport.Sources;

/// <summary>The SHA-256 of a file, streamed (never read whole), as lower-case hex: what the cache records and checks.</summary>
internal static class FileSha256
{
    public static async Task<string> ComputeAsync(string path, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 81920, useAsync: true);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken));
    }
}
