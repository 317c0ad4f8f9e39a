namespace TigerImport.Catalog;

/// <summary>
/// A TIGER/Line (or cartographic boundary) layer and the rules by which Census names its files across vintages
/// (2010's decennial <c>…10</c> suffix and <c>/2010</c> folder, CD's congress number, ZCTA510 → ZCTA520).
/// </summary>
public sealed class TigerLayer
{
    internal TigerLayer(
        string key,
        string description,
        LayerGeometry geometry,
        LayerScope scope,
        IReadOnlyList<string> keyFields,
        bool decennialIn2010 = false,
        bool keyIsUnique = true,
        string? resolution = null)
    {
        Key = key;
        Description = description;
        Geometry = geometry;
        Scope = scope;
        KeyFields = keyFields;
        DecennialIn2010 = decennialIn2010;
        Resolution = resolution;
        KeyIsUnique = keyIsUnique;
    }

    /// <summary>The name users type and Census uses as the folder name, e.g. <c>TRACT</c>.</summary>
    public string Key { get; }

    public string Description { get; }

    public LayerGeometry Geometry { get; }

    /// <summary>Fields that identify a feature, in order of preference (GEOID, TLID…): the first one a file has gets a btree index.</summary>
    public IReadOnlyList<string> KeyFields { get; }

    /// <summary>
    /// Census makes the key unique within a file (GEOID, EDGES' TLID, TFID, HYDROID), so a duplicate means a damaged
    /// file. Not ADDRFEAT's TLID (an edge has one row per address range) nor LINEARID (a road or stream has many edges).
    /// </summary>
    public bool KeyIsUnique { get; }

    /// <summary>The usual split into files; CD changes with the vintage (see <see cref="TigerLayerVintage.Scope"/>).</summary>
    internal LayerScope Scope { get; }

    /// <summary>2010 decennial layers live in <c>{DIR}/2010/</c> and carry a <c>10</c> suffix on file and field names.</summary>
    internal bool DecennialIn2010 { get; }

    /// <summary>
    /// <c>500k</c>, <c>5m</c> or <c>20m</c> for a cartographic boundary layer (Census's GENZ product, e.g.
    /// <c>CB_CD_500K</c>); null for TIGER/Line.
    /// </summary>
    public string? Resolution { get; }

    public bool IsCartographic => Resolution is not null;

    /// <summary>The TIGER/Line layer this one is or generalises: <c>CD</c> for both CD and CB_CD_500K.</summary>
    public string BaseKey => IsCartographic ? Key[3..Key.LastIndexOf('_')] : Key;

    /// <summary>The first vintage this catalog names: GENZ's <c>cb_</c> layout starts in 2013 (2010 used <c>gz_2010_…</c>).</summary>
    public int FirstYear => IsCartographic ? CartographicLayers.FirstYear : TigerLayers.FirstYear;

    public override string ToString() => Key;
}
