using System.Globalization;
using System.Text.RegularExpressions;

namespace TigerImport.Catalog;

/// <summary>One Census zip: its layer and vintage, and which nation, state or county it covers.</summary>
/// <param name="ScopeCode">"us", a 2-digit state FIPS code or a 5-digit state+county code, as in the file name.</param>
/// <param name="FileName">The name as Census spells it (CD's congress number included).</param>
public sealed partial record TigerFile(TigerLayerVintage Vintage, LayerScope Scope, string ScopeCode, string FileName)
{
    public TigerLayer Layer => Vintage.Layer;

    public int Year => Vintage.Year;

    /// <summary>The path below <c>geo/tiger/</c>, e.g. <c>TIGER2010/TRACT/2010/tl_2010_25_tract10.zip</c>.</summary>
    public string CensusPath => $"{Vintage.CensusDirectory}/{FileName}";

    /// <summary>The state this file belongs to, or null for a national file.</summary>
    public string? StateFips => Scope == LayerScope.Nation ? null : ScopeCode[..2];

    /// <summary>
    /// The partition of the layer's table this file loads into: the state for state and county files, "us" for national
    /// ones. Re-importing a state replaces exactly its partition.
    /// </summary>
    public string PartitionKey => StateFips ?? "us";

    /// <summary>The name's part after the scope code, lower case: <c>cd119</c>, <c>cd118_sb</c>, <c>place_500k</c>.</summary>
    public string NameToken
    {
        get
        {
            var marker = $"_{ScopeCode}_";
            var start = FileName.IndexOf(marker, StringComparison.OrdinalIgnoreCase);
            return start < 0 ? "" : FileName[(start + marker.Length)..^".zip".Length].ToLowerInvariant();
        }
    }

    /// <summary>
    /// The congress a CD file's name says (<c>cd119</c> → 119): from the source's listing, or the catalog's guess when
    /// the source cannot list. The file's own fields must agree (<c>CD{nnn}FP</c>, <c>CDSESSN</c>), else it is refused.
    /// </summary>
    public int? Congress => Layer.BaseKey == "CD" && CongressPattern().Match(NameToken) is { Success: true } m
        ? int.Parse(m.Groups[1].ValueSpan, CultureInfo.InvariantCulture)
        : null;

    /// <summary>
    /// The version suffix of a plan offered in more than one (<c>cd118_sb</c> → <c>sb</c>), or null. Census names the
    /// versions in the file names; the operator picks one with <c>--plan-version</c>.
    /// </summary>
    public string? Version => Vintage.IsDistrictPlan && !Layer.IsCartographic && NameToken.IndexOf('_') is var at and > 0 ? NameToken[(at + 1)..] : null;

    /// <summary>The plan a district file carries (without the source's date); null for other layers.</summary>
    public DistrictPlan? Plan => Vintage.IsDistrictPlan ? new DistrictPlan(Congress, Vintage.PublishedIn, Version) : null;

    public override string ToString() => FileName;

    [GeneratedRegex("^cd([0-9]{3})")]
    private static partial Regex CongressPattern();
}
