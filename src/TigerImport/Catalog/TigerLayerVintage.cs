using System.Text.RegularExpressions;

namespace TigerImport.Catalog;

/// <summary>A layer as Census publishes it in one vintage: folder, file-name token, scope and the table it loads into.</summary>
public sealed partial record TigerLayerVintage(TigerLayer Layer, int Year, string Directory, string Token, LayerScope Scope)
{
    /// <summary>The folder below <c>geo/tiger/</c>, e.g. <c>TIGER2010/TRACT/2010</c>.</summary>
    public string CensusDirectory => $"TIGER{Year}/{Directory}";

    /// <summary>
    /// The table name within the target schema: layer and vintage, so a vintage never overwrites another
    /// (<c>tract_2010</c>, <c>cd_2024</c>, <c>zcta510_2015</c>; the congress number is not part of it).
    /// </summary>
    public string TableName => $"{TableStem}_{Year}";

    private string TableStem => Layer.Key == "ZCTA520" ? (Year < 2020 ? "zcta510" : "zcta520") : Layer.Key.ToLowerInvariant();

    /// <summary>The file name for one scope code ("us", a state FIPS, or state+county FIPS).</summary>
    public string FileName(string scopeCode) => $"tl_{Year}_{scopeCode}_{Token}.zip";

    /// <summary>True when a file name's token belongs to this layer and vintage (any congress number for CD).</summary>
    public bool MatchesToken(string token) =>
        Layer.Key == "CD" ? CongressToken().IsMatch(token) : string.Equals(token, Token, StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex("^cd[0-9]{3}$", RegexOptions.IgnoreCase)]
    private static partial Regex CongressToken();
}
