using System.Text.Json.Serialization;

namespace TigerImport.Sources;

/// <summary>
/// What a source says about a file without sending it: where it is, and the validators it gives (HTTP's ETag and
/// Last-Modified, S3's ETag, a folder's size and mtime, or a SHA-256 recorded with it). Kept as the file's lineage, so
/// the next run can ask whether the file changed since it was published.
/// </summary>
/// <param name="Location">The URL, s3:// URL or path, safe to log.</param>
/// <param name="LocalPath">Set for a file on local disk: a changed size or mtime is settled by hashing it, which is cheap.</param>
public sealed record FileVersion(
    string Location,
    long? Length,
    string? ETag,
    DateTimeOffset? LastModified,
    string? Sha256 = null,
    [property: JsonIgnore] string? LocalPath = null)
{
    /// <summary>True when the source gave something to compare without reading the file.</summary>
    [JsonIgnore]
    public bool HasValidators => ETag is not null || Sha256 is not null || (LastModified is not null && Length is not null);

    /// <summary>
    /// Whether this and an earlier version are the same file by their validators: true or false when they say,
    /// null when they cannot (then only a SHA-256 of the bytes decides). The strongest validator both have decides.
    /// </summary>
    public bool? SameAs(FileVersion earlier)
    {
        if (Length is not null && earlier.Length is not null && Length != earlier.Length)
        {
            return false;
        }

        if (Sha256 is not null && earlier.Sha256 is not null)
        {
            return string.Equals(Sha256, earlier.Sha256, StringComparison.OrdinalIgnoreCase);
        }

        if (ETag is not null && earlier.ETag is not null)
        {
            return ETag == earlier.ETag;
        }

        if (LastModified is not null && earlier.LastModified is not null && Length is not null)
        {
            return LastModified == earlier.LastModified;
        }

        return null;
    }
}
