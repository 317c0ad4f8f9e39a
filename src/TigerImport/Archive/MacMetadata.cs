using System.IO.Compression;

namespace TigerImport.Archive;

/// <summary>
/// What macOS adds when a zip is re-made on a Mac: the <c>__MACOSX/</c> folder, AppleDouble <c>._name</c> members
/// (resource forks: <c>__MACOSX/._tl_2024_35_place.shp</c> is no shapefile) and <c>.DS_Store</c>. ogr2ogr reads such zips;
/// the archive ignores these members (and the file loader logs how many).
/// </summary>
public static class MacMetadata
{
    /// <summary>Whether the member is macOS metadata, never a shapefile part.</summary>
    public static bool Is(ZipArchiveEntry entry) => Is(entry.FullName);

    /// <summary>Whether a member path (<c>folder/._x.shp</c>) is macOS metadata.</summary>
    public static bool Is(string fullName)
    {
        var path = fullName.Replace('\\', '/');
        var name = path[(path.LastIndexOf('/') + 1)..];
        return path.StartsWith("__MACOSX/", StringComparison.Ordinal) || path.Contains("/__MACOSX/", StringComparison.Ordinal)
            || name.StartsWith("._", StringComparison.Ordinal) || name.Equals(".DS_Store", StringComparison.Ordinal);
    }
}
