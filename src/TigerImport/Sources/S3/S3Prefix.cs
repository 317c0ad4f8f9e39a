namespace TigerImport.Sources.S3;

/// <summary>An <c>s3://bucket/prefix</c> location; keys below it are laid out like Census's tree (<c>prefix/TIGER2024/PLACE/…</c>).</summary>
public sealed record S3Prefix(string Bucket, string Prefix)
{
    public static S3Prefix Parse(string url, string option)
    {
        const string scheme = "s3://";
        if (!url.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            throw new TigerImportException(FailureKind.Usage, $"{option} {url}: expected s3://bucket/prefix.");
        }

        var rest = url[scheme.Length..];
        var slash = rest.IndexOf('/');
        var bucket = slash < 0 ? rest : rest[..slash];
        var prefix = slash < 0 ? "" : rest[(slash + 1)..].Trim('/');
        if (bucket.Length is < 3 or > 63 || bucket.Any(c => !(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '.')))
        {
            throw new TigerImportException(FailureKind.Usage, $"{option} {url}: '{bucket}' is not an S3 bucket name (3–63 lower-case letters, digits, '-' or '.').");
        }

        return new S3Prefix(bucket, prefix.Length == 0 ? "" : prefix + "/");
    }

    /// <summary>The key of a path below the prefix, e.g. <c>TIGER2024/PLACE/tl_2024_06_place.zip</c>.</summary>
    public string KeyOf(string censusPath) => Prefix + censusPath;

    public string Display(string key) => $"s3://{Bucket}/{key}";

    public override string ToString() => $"s3://{Bucket}/{Prefix}";
}
