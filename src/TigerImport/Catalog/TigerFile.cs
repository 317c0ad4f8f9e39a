namespace TigerImport.Catalog;

/// <summary>One Census zip: its layer and vintage, and which nation, state or county it covers.</summary>
/// <param name="ScopeCode">"us", a 2-digit state FIPS code or a 5-digit state+county code, as in the file name.</param>
/// <param name="FileName">The name as Census spells it (CD's congress number included).</param>
public sealed record TigerFile(TigerLayerVintage Vintage, LayerScope Scope, string ScopeCode, string FileName)
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

    public override string ToString() => FileName;
}
