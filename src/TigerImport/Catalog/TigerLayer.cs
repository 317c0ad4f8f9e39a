namespace TigerImport.Catalog;

/// <summary>
/// A TIGER/Line (or cartographic boundary) layer: one row of the catalog, with the rules by which Census names its files
/// across vintages (<see cref="Eras"/>: 2010's decennial <c>…10</c> suffix and <c>/2010</c> folder, a renamed folder,
/// CD's congress number, ZCTA510 → ZCTA520).
/// </summary>
public sealed class TigerLayer
{
    internal TigerLayer(
        string key,
        string description,
        LayerGeometry geometry,
        LayerScope scope,
        IReadOnlyList<string> keyFields,
        IReadOnlyList<LayerEra>? eras = null,
        bool keyIsUnique = true,
        IReadOnlyList<string>? states = null,
        string? resolution = null,
        bool someStates = false,
        IReadOnlyList<string>? shapeFields = null)
    {
        Key = key;
        Description = description;
        Geometry = geometry;
        Scope = scope;
        KeyFields = keyFields;
        Eras = eras ?? [];
        Resolution = resolution;
        KeyIsUnique = keyIsUnique;
        States = states;
        SomeStates = someStates;
        ShapeFields = shapeFields ?? (geometry == LayerGeometry.MultiPolygon && resolution is null ? AreaAndInternalPoint : []);
    }

    /// <summary>The fields by which Census states a TIGER/Line polygon's size and place: every such layer but FACES carries them.</summary>
    public static readonly IReadOnlyList<string> AreaAndInternalPoint = ["ALAND", "AWATER", "INTPTLAT", "INTPTLON"];

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

    /// <summary>The usual split into files; an era may differ (see <see cref="TigerLayerVintage.Scope"/>).</summary>
    internal LayerScope Scope { get; }

    /// <summary>How Census names the layer, vintage by vintage (empty for a cartographic boundary layer, named by its own rule).</summary>
    public IReadOnlyList<LayerEra> Eras { get; }

    /// <summary>The only states Census publishes this state-based layer for (ANRC: Alaska; ESTATE: the Virgin Islands), or null.</summary>
    public IReadOnlyList<string>? States { get; }

    /// <summary>
    /// Census publishes this state-based layer for some states only, and which ones varies by vintage (school districts:
    /// a state with unified districts alone has no ELSD or SCSD file): a listing that holds the layer's files for other
    /// states but none for a state means "not published for that state", a notice, not a missing file.
    /// </summary>
    public bool SomeStates { get; }

    /// <summary>
    /// The fields (plain names; a vintage's suffixed form counts) by which a file's shapes are checked against its own
    /// rows, part of the layer's contract: a file without them is refused, since a file that drops them could otherwise
    /// carry shapes rotated against its rows. Every TIGER/Line polygon layer's <see cref="AreaAndInternalPoint"/>
    /// (the shape-agreement gate; not FACES, whose rows state ATOTAL), EDGES' TNIDF/TNIDT (the node-agreement gate); none for cartographic files, which
    /// Census publishes without an internal point.
    /// </summary>
    public IReadOnlyList<string> ShapeFields { get; }

    /// <summary>
    /// <c>500k</c>, <c>5m</c> or <c>20m</c> for a cartographic boundary layer (Census's GENZ product, e.g.
    /// <c>CB_CD_500K</c>); null for TIGER/Line.
    /// </summary>
    public string? Resolution { get; }

    public bool IsCartographic => Resolution is not null;

    /// <summary>The TIGER/Line layer this one is or generalises: <c>CD</c> for both CD and CB_CD_500K.</summary>
    public string BaseKey => IsCartographic ? Key[3..Key.LastIndexOf('_')] : Key;

    /// <summary>The first vintage this catalog names: GENZ's <c>cb_</c> layout starts in 2013 (2010 used <c>gz_2010_…</c>).</summary>
    public int FirstYear => IsCartographic ? CartographicLayers.FirstYear : Eras.Min(e => e.From);

    /// <summary>Whether Census publishes the layer in this vintage (a year of one of its eras, up to the catalog's last year).</summary>
    public bool IsPublishedIn(int year) => year >= FirstYear && year <= TigerLayers.LastYear && (IsCartographic || Eras.Any(e => e.Covers(year)));

    /// <summary>The vintages the layer has, for messages: "2010, 2012", "2011–2021, 2023–2027".</summary>
    public string Years => IsCartographic
        ? $"{CartographicLayers.FirstYear}–{TigerLayers.LastYear}"
        : string.Join(", ", Eras.Where(e => e.From <= TigerLayers.LastYear).Aggregate(new List<(int From, int To)>(), (runs, e) =>
        {
            var to = Math.Min(e.To, TigerLayers.LastYear);
            if (runs.Count > 0 && runs[^1].To + 1 == e.From)
            {
                runs[^1] = (runs[^1].From, to);
            }
            else
            {
                runs.Add((e.From, to));
            }

            return runs;
        }).Select(r => r.From == r.To ? $"{r.From}" : $"{r.From}–{r.To}"));

    public override string ToString() => Key;
}
