namespace TigerImport.Sources.S3;

/// <summary>What a HEAD says about an object: its size, ETag, age, and the SHA-256 recorded when this worker uploaded it.</summary>
internal sealed record S3ObjectInfo(long Length, string? ETag, DateTimeOffset? LastModified, string? Sha256)
{
    public FileVersion VersionAt(string display) => new(display, Length, ETag, LastModified, Sha256);
}
