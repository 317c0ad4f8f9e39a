using System.Text.RegularExpressions;

namespace TigerImport.Sources.Http;

/// <summary>
/// Reads the zip names from a directory index page: Census's Apache-style <c>&lt;a href="tl_2024_48_cd119.zip"&gt;</c>,
/// or a mirror's. Sorting links (<c>?C=N;O=D</c>), the parent folder and subfolders are ignored.
/// </summary>
internal static partial class DirectoryListing
{
    public static IReadOnlyCollection<string> ZipNames(string html) => Href().Matches(html)
        .Select(m => Uri.UnescapeDataString(m.Groups["href"].Value))
        .Select(href => href[(href.LastIndexOf('/') + 1)..])
        .Where(name => name.Length > ".zip".Length)
        .Distinct(StringComparer.OrdinalIgnoreCase)
        .ToList();

    /// <summary>An index page with no zip in it that reads like a refusal rather than an empty folder.</summary>
    public static bool LooksBlocked(string html) =>
        html.Contains("blocked", StringComparison.OrdinalIgnoreCase) || html.Contains("access denied", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"href\s*=\s*[""'](?<href>[^""'?#]+\.zip)[""']", RegexOptions.IgnoreCase)]
    private static partial Regex Href();
}
