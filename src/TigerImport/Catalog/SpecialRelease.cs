using System.Text.RegularExpressions;

namespace TigerImport.Catalog;

/// <summary>
/// A special release of district plans beside the vintages, e.g. <c>TIGER_RD18</c>: its own folder
/// (<c>TIGER_RD18/LAYER/CD/</c>) and its own name prefix instead of the year (<c>tl_rd22_08_cd118.zip</c>). Its files
/// load into the table of the vintage named by <c>--year</c>, partition by partition, and each partition records the
/// plan it holds (<see cref="DistrictPlan"/>).
/// </summary>
/// <param name="Folder">The folder below <c>geo/tiger/</c>, e.g. <c>TIGER_RD18</c>.</param>
public sealed partial record SpecialRelease(string Folder)
{
    /// <summary>Only district plans come as special releases.</summary>
    public static IReadOnlyList<string> Layers { get; } = ["CD", "SLDU", "SLDL"];

    /// <summary>Reads <c>--release</c>: a folder name such as TIGER_RD18 (letters, digits and underscores, no slash).</summary>
    public static SpecialRelease Parse(string text)
    {
        var folder = text.Trim().TrimEnd('/');
        return FolderPattern().IsMatch(folder) && !VintageFolder().IsMatch(folder)
            ? new SpecialRelease(folder)
            : throw new TigerImportException(
                FailureKind.Usage,
                $"--release (TIGER_RELEASE) must name a special release's folder below geo/tiger/, such as TIGER_RD18; got '{text}'." +
                (VintageFolder().IsMatch(folder) ? " A vintage is chosen with --year." : ""));
    }

    /// <summary>The folder of a layer's files: <c>TIGER_RD18/LAYER/CD</c>.</summary>
    public string DirectoryOf(TigerLayer layer) => $"{Folder}/LAYER/{layer.Key}";

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{1,39}$")]
    private static partial Regex FolderPattern();

    [GeneratedRegex("^(TIGER|GENZ)[0-9]{4}$", RegexOptions.IgnoreCase)]
    private static partial Regex VintageFolder();
}
