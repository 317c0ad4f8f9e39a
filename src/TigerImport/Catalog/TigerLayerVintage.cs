using System.Text.RegularExpressions;

namespace TigerImport.Catalog;

/// <summary>A layer as Census publishes it in one vintage: folder, file-name token, scope and the table it loads into.</summary>
public sealed partial record TigerLayerVintage(TigerLayer Layer, int Year, string Directory, string Token, LayerScope Scope)
{
    /// <summary>The folder below <c>geo/tiger/</c>, e.g. <c>TIGER2010/TRACT/2010</c>, <c>GENZ2024/shp</c> or <c>GENZ2013</c>.</summary>
    public string CensusDirectory => Layer.IsCartographic ? $"GENZ{Year}/{Directory}".TrimEnd('/') : $"TIGER{Year}/{Directory}";

    /// <summary>
    /// The table name within the target schema: layer and vintage, so a vintage never overwrites another
    /// (<c>tract_2010</c>, <c>cd_2024</c>, <c>zcta510_2015</c>; the congress number is not part of it). Cartographic
    /// boundaries add the resolution and their prefix: <c>cb_cd_2024_500k</c>.
    /// </summary>
    public string TableName => Layer.IsCartographic ? $"cb_{Layer.BaseKey.ToLowerInvariant()}_{Year}_{Layer.Resolution}" : $"{TableStem}_{Year}";

    private string TableStem => Layer.Key == "ZCTA520" ? (Year < 2020 ? "zcta510" : "zcta520") : Layer.Key.ToLowerInvariant();

    /// <summary>The file name for one scope code ("us", a state FIPS, or state+county FIPS).</summary>
    public string FileName(string scopeCode) => $"{Prefix}_{Year}_{scopeCode}_{Token}.zip";

    /// <summary><c>tl</c> for TIGER/Line, <c>cb</c> for cartographic boundary files.</summary>
    public string Prefix => Layer.IsCartographic ? "cb" : "tl";

    /// <summary>True when a file name's token belongs to this layer and vintage (any congress number for CD).</summary>
    public bool MatchesToken(string token) => Layer.BaseKey == "CD"
        ? CongressToken().Match(token) is { Success: true } m && string.Equals(m.Groups["res"].Value, Layer.Resolution ?? "", StringComparison.OrdinalIgnoreCase)
        : string.Equals(token, Token, StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex("^cd[0-9]{3}(_(?<res>500k|5m|20m))?$", RegexOptions.IgnoreCase)]
    private static partial Regex CongressToken();
}
