using System.Text.RegularExpressions;

namespace TigerImport.Catalog;

/// <summary>A layer as Census publishes it in one vintage: folder, file-name token, scope and the table it loads into.</summary>
public sealed partial record TigerLayerVintage(TigerLayer Layer, int Year, string Directory, string Token, LayerScope Scope)
{
    /// <summary>
    /// The special release the files come from instead of the vintage's folder (<c>TIGER_RD18</c>), or null. Its
    /// files still load into the vintage's table (<see cref="TableName"/>).
    /// </summary>
    public SpecialRelease? Release { get; init; }

    /// <summary>
    /// The name prefix after <c>tl_</c> when it is not the year: a special release's own (<c>rd22</c>), learnt from its
    /// listing. Null for a vintage.
    /// </summary>
    public string? ReleaseTag { get; init; }

    /// <summary>
    /// The folder below <c>geo/tiger/</c>, e.g. <c>TIGER2010/TRACT/2010</c>, <c>GENZ2024/shp</c>, <c>GENZ2013</c> or,
    /// for a special release, <c>TIGER_RD18/LAYER/CD</c>.
    /// </summary>
    public string CensusDirectory => Release is { } release ? release.DirectoryOf(Layer)
        : Layer.IsCartographic ? $"GENZ{Year}/{Directory}".TrimEnd('/') : $"{PublishedIn}/{Directory}";

    /// <summary>
    /// The vintage's or release's top folder, as a plan names where it came from: <c>TIGER2024</c>, <c>GENZ2024</c>,
    /// <c>TIGER_RD18</c>, or a product's own (<c>TIGER2020PL</c> for VTD20).
    /// </summary>
    public string PublishedIn => Release?.Folder ?? Folder ?? (Layer.IsCartographic ? $"GENZ{Year}" : $"TIGER{Year}");

    /// <summary>The top folder when it is not the vintage's (<see cref="LayerEra.Folder"/>), or null.</summary>
    public string? Folder { get; init; }

    /// <summary>The table's stem when it is not the layer key (<see cref="LayerEra.TableStem"/>), or null.</summary>
    public string? TableStem { get; init; }

    /// <summary>The catalog's naming is not confirmed by two public sources: the source's listing decides (<see cref="LayerEra.Listed"/>).</summary>
    public bool Listed { get; init; }

    /// <summary>
    /// The decennial suffix the file's token carries, and so its fields (<c>tabblock10</c>, <c>uac10</c> in 2020,
    /// <c>vtd20</c> → <c>GEOID10</c>, <c>GEOID20</c>): <c>10</c>, <c>20</c>, or null for a plain token.
    /// </summary>
    public string? FieldSuffix => Layer.IsCartographic || Token.Length < 3 ? null
        : Token.EndsWith("10", StringComparison.Ordinal) ? "10" : Token.EndsWith("20", StringComparison.Ordinal) ? "20" : null;

    /// <summary>
    /// The table name within the target schema: layer and vintage, so a vintage never overwrites another
    /// (<c>tract_2010</c>, <c>cd_2024</c>, <c>zcta510_2015</c>; the congress number is not part of it). Cartographic
    /// boundaries add the resolution and their prefix: <c>cb_cd_2024_500k</c>.
    /// </summary>
    public string TableName => Layer.IsCartographic ? $"cb_{Layer.BaseKey.ToLowerInvariant()}_{Year}_{Layer.Resolution}" : $"{TableStem ?? Layer.Key.ToLowerInvariant()}_{Year}";

    /// <summary>The file name for one scope code ("us", a state FIPS, or state+county FIPS).</summary>
    public string FileName(string scopeCode) => $"{Prefix}_{ReleaseTag ?? Year.ToString(System.Globalization.CultureInfo.InvariantCulture)}_{scopeCode}_{Token}.zip";

    /// <summary><c>tl</c> for TIGER/Line, <c>cb</c> for cartographic boundary files.</summary>
    public string Prefix => Layer.IsCartographic ? "cb" : "tl";

    /// <summary>
    /// True when a file name's token belongs to this layer and vintage: any congress number for CD, and for the
    /// TIGER/Line district layers a version suffix too (<c>cd118_sb</c>, <c>sldu_wb</c>: a plan offered in two versions).
    /// </summary>
    public bool MatchesToken(string token)
    {
        if (Layer.BaseKey == "CD")
        {
            return CongressToken().Match(token) is { Success: true } m
                && string.Equals(m.Groups["res"].Value, Layer.Resolution ?? "", StringComparison.OrdinalIgnoreCase)
                && (!Layer.IsCartographic || !m.Groups["version"].Success);
        }

        return string.Equals(token, Token, StringComparison.OrdinalIgnoreCase)
            || (IsDistrictPlan && !Layer.IsCartographic && VersionedToken().Match(token) is { Success: true } v && string.Equals(v.Groups["layer"].Value, Token, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>CD, SLDU and SLDL (and their cartographic boundaries): layers whose files carry a district plan.</summary>
    public bool IsDistrictPlan => Layer.BaseKey is "CD" or "SLDU" or "SLDL";

    [GeneratedRegex("^cd[0-9]{3}(_(?<res>500k|5m|20m))?(_(?<version>(?!500k$|5m$|20m$)[a-z0-9]+))?$", RegexOptions.IgnoreCase)]
    private static partial Regex CongressToken();

    [GeneratedRegex("^(?<layer>sldu|sldl)_(?<version>(?!500k$|5m$|20m$)[a-z0-9]+)$", RegexOptions.IgnoreCase)]
    private static partial Regex VersionedToken();
}
