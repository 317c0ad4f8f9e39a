namespace TigerImport.Sources;

/// <summary>Turns <c>--source</c> (and <c>--cache</c>) into a source.</summary>
public static class TigerSourceFactory
{
    public static ITigerSource Create(SourceOptions options)
    {
        var source = options.Source.Trim();
        if (source.Equals(SourceOptions.Census, StringComparison.OrdinalIgnoreCase)
            || source.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
            || source.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            || source.StartsWith("s3://", StringComparison.OrdinalIgnoreCase))
        {
            throw new TigerImportException(FailureKind.Usage, $"--source {source}: downloading from Census, HTTP mirrors and S3 is not built yet; use a local folder.");
        }

        if (options.Cache is not null)
        {
            throw new TigerImportException(FailureKind.Usage, "--cache applies to a download source (census, http(s)://), not to a local folder.");
        }

        return new LocalFolderSource(source);
    }
}
