namespace TigerImport.Sources;

/// <summary>URLs as they may appear in logs and messages: no user:password, no query string (which may hold a token).</summary>
internal static class SafeUrl
{
    public static string Display(Uri uri) =>
        uri.IsAbsoluteUri ? uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped) : uri.ToString();
}
