using System.Collections.Frozen;

namespace TigerImport.Catalog;

/// <summary>Every layer the importer knows, and how each is named in a given vintage.</summary>
public static class TigerLayers
{
    /// <summary>The first vintage in the <c>TIGER{YYYY}/{DIR}/</c> layout this catalog describes.</summary>
    public const int FirstYear = 2010;

    private static readonly string[] Geoid = ["GEOID", "GEOID10", "GEOID20"];

    private static readonly string[] LinearId = ["LINEARID"];

    private const LayerGeometry Polygons = LayerGeometry.MultiPolygon;

    private const LayerGeometry Lines = LayerGeometry.MultiLineString;

    private const LayerGeometry Points = LayerGeometry.MultiPoint;

    private const LayerScope Nation = LayerScope.Nation;

    private const LayerScope State = LayerScope.State;

    private const LayerScope County = LayerScope.County;

    /// <summary>
    /// In the order they are imported: national layers first, then state-based ones, per-county layers last. One row per
    /// layer: key, description, geometry, scope, key fields, and its eras (how Census names it, vintage by vintage; a year
    /// no era covers is a year Census did not publish it). A layer Census adds is one more row (docs/layers.md).
    /// </summary>
    public static IReadOnlyList<TigerLayer> All { get; } =
    [
        new("STATE", "States and equivalents", Polygons, Nation, Geoid, Decade("STATE")),
        new("COUNTY", "Counties and equivalents", Polygons, Nation, Geoid, Decade("COUNTY")),
        new("CD", "Congressional districts", Polygons, Nation, Geoid, [
            new(2010, 2010, "CD/111", "cd{congress}"), new(2011, 2021, "CD", "cd{congress}"), new(2022, LayerEra.Open, "CD", "cd{congress}") { Scope = State }]),
        new("ZCTA520", "ZIP Code tabulation areas (ZCTA510 before 2020)", Polygons, Nation, Geoid, [
            new(2010, 2010, "ZCTA5/2010", "zcta510") { TableStem = "zcta510" }, new(2011, 2019, "ZCTA5", "zcta510") { TableStem = "zcta510" }, Since(2020, "ZCTA520")]),
        new("CBSA", "Metropolitan and micropolitan statistical areas", Polygons, Nation, Geoid, [Decennial("CBSA"), new(2011, 2021, "CBSA", "cbsa"), Since(2023, "CBSA")]),
        new("CSA", "Combined statistical areas", Polygons, Nation, Geoid, [Decennial("CSA"), new(2011, 2021, "CSA", "csa"), Since(2023, "CSA")]),
        new("METDIV", "Metropolitan divisions", Polygons, Nation, Geoid, [Decennial("METDIV"), new(2011, 2021, "METDIV", "metdiv"), Since(2023, "METDIV")]),
        new("NECTA", "New England city and town areas", Polygons, Nation, Geoid, [Decennial("NECTA"), new(2011, 2021, "NECTA", "necta")]),
        new("CNECTA", "Combined New England city and town areas", Polygons, Nation, Geoid, [Decennial("CNECTA"), new(2011, 2021, "CNECTA", "cnecta")]),
        new("NECTADIV", "New England city and town area divisions", Polygons, Nation, Geoid, [Decennial("NECTADIV"), new(2011, 2021, "NECTADIV", "nectadiv")]),
        new("UAC", "Urban areas of the 2010 Census", Polygons, Nation, Geoid, [
            new(2010, 2010, "UA/2010", "uac10") { Listed = true }, new(2011, 2022, "UAC", "uac10")]),
        new("UAC20", "Urban areas of the 2020 Census (folder UAC until 2023)", Polygons, Nation, Geoid, [
            new(2020, 2020, "UAC", "uac20"), new(2021, 2022, "UAC", "uac20") { Listed = true }, new(2023, 2023, "UAC", "uac20"), Since(2024, "UAC20")]),
        new("AIANNH", "American Indian, Alaska Native and Native Hawaiian areas", Polygons, Nation, Geoid, Decade("AIANNH", listed2010: true)),
        new("AITSN", "American Indian tribal subdivisions (folder AITS until 2014)", Polygons, Nation, Geoid, [
            new(2010, 2010, "AITS/2010", "aitsn10") { Listed = true }, new(2011, 2014, "AITS", "aitsn"), Since(2015, "AITSN")]),
        new("TBG", "Tribal block groups", Polygons, Nation, Geoid, Decade("TBG", listed2010: true)),
        new("TTRACT", "Tribal census tracts", Polygons, Nation, Geoid, Decade("TTRACT", listed2010: true)),
        new("MIL", "Military installations", Polygons, Nation, ["AREAID"], Decade("MIL", plain2010: true), keyIsUnique: false),
        new("PRIMARYROADS", "Primary roads", Lines, Nation, LinearId, Decade("PRIMARYROADS", plain2010: true), keyIsUnique: false),
        new("RAILS", "Railroads", Lines, Nation, LinearId, Decade("RAILS", plain2010: true), keyIsUnique: false),
        new("COASTLINE", "Coastline (folder COAST until 2016)", Lines, Nation, [], [new(2011, 2016, "COAST", "coastline"), Since(2017, "COASTLINE")], keyIsUnique: false),
        new("SLDU", "State legislative districts, upper", Polygons, State, Geoid, Decade("SLDU")),
        new("SLDL", "State legislative districts, lower", Polygons, State, Geoid, Decade("SLDL")),
        new("PLACE", "Places", Polygons, State, Geoid, Decade("PLACE")),
        new("CONCITY", "Consolidated cities", Polygons, State, Geoid, Decade("CONCITY", listed2010: true), states: ["09", "13", "18", "20", "21", "30", "47"]),
        new("TRACT", "Census tracts", Polygons, State, Geoid, Decade("TRACT")),
        new("BG", "Block groups", Polygons, State, Geoid, Decade("BG")),
        new("TABBLOCK", "Census blocks of the 2010 Census", Polygons, State, [.. Geoid, "BLOCKID10"], [
            Decennial("TABBLOCK"), new(2011, 2013, "TABBLOCK", "tabblock"), new(2014, 2019, "TABBLOCK", "tabblock10")]),
        new("TABBLOCK20", "Census blocks of the 2020 Census", Polygons, State, Geoid, [Since(2020, "TABBLOCK20")]),
        new("COUSUB", "County subdivisions", Polygons, State, Geoid, Decade("COUSUB")),
        new("SUBMCD", "Subminor civil divisions, Puerto Rico (SUBBARRIO from 2020)", Polygons, State, Geoid, [
            Decennial("SUBMCD", listed: true), new(2011, 2019, "SUBMCD", "submcd") { Listed = true }], states: ["72"]),
        new("SUBBARRIO", "Subbarrios, Puerto Rico", Polygons, State, Geoid, [Since(2020, "SUBBARRIO") with { Listed = true }], states: ["72"]),
        new("ESTATE", "Estates, U.S. Virgin Islands", Polygons, State, Geoid, [Since(2011, "ESTATE") with { Listed = true }], states: ["78"]),
        new("ANRC", "Alaska Native regional corporations", Polygons, State, Geoid, Decade("ANRC"), states: ["02"]),
        new("ELSD", "School districts, elementary", Polygons, State, Geoid, Decade("ELSD", listed2010: true), someStates: true),
        new("SCSD", "School districts, secondary", Polygons, State, Geoid, Decade("SCSD", listed2010: true), someStates: true),
        new("UNSD", "School districts, unified", Polygons, State, Geoid, Decade("UNSD", listed2010: true), someStates: true),
        new("SDADM", "School district administrative areas", Polygons, State, Geoid, [Since(2022, "SDADM") with { Listed = true }], someStates: true),
        new("VTD", "Voting districts of the 2010 Census", Polygons, State, Geoid, [Decennial("VTD", listed: true), new(2012, 2012, "VTD", "vtd10")]),
        new("VTD20", "Voting districts of the 2020 Census (the TIGER2020PL redistricting product)", Polygons, State, Geoid, [
            new(2020, 2020, "LAYER/VTD/2020", "vtd20") { Folder = "TIGER2020PL" }]),
        new("PUMA", "Public use microdata areas of 2010", Polygons, State, Geoid, [
            new(2010, 2010, "PUMA5/2010", "puma10") { Listed = true }, new(2011, 2011, "PUMA", "puma10") { Listed = true }, new(2012, 2021, "PUMA", "puma10")]),
        new("PUMA20", "Public use microdata areas of 2020 (folder PUMA until 2023)", Polygons, State, Geoid, [
            new(2022, 2023, "PUMA", "puma20"), Since(2024, "PUMA20") with { Listed = true }]),
        new("PRISECROADS", "Primary and secondary roads", Lines, State, LinearId, Decade("PRISECROADS", plain2010: true), keyIsUnique: false),
        new("AREALM", "Area landmarks", Polygons, State, ["AREAID"], Decade("AREALM", plain2010: true), keyIsUnique: false),
        new("POINTLM", "Point landmarks", Points, State, ["POINTID"], Decade("POINTLM", plain2010: true), keyIsUnique: false),
        // EDGES rows name the nodes an edge joins (the node-agreement gate); FACES rows state ATOTAL, not ALAND/AWATER.
        new("EDGES", "All lines (edges)", Lines, County, ["TLID"], [Since(2010, "EDGES")], shapeFields: ["TNIDF", "TNIDT"]),
        new("ADDRFEAT", "Address range features", Lines, County, ["TLID"], [Since(2010, "ADDRFEAT")], keyIsUnique: false),
        new("FACES", "Topological faces", Polygons, County, ["TFID"], [Since(2010, "FACES")], shapeFields: []),
        new("ROADS", "All roads", Lines, County, LinearId, [Since(2010, "ROADS")], keyIsUnique: false),
        new("AREAWATER", "Area hydrography", Polygons, County, ["HYDROID"], [Since(2010, "AREAWATER")]),
        new("LINEARWATER", "Linear hydrography", Lines, County, LinearId, [Since(2010, "LINEARWATER")], keyIsUnique: false),

        // Attribute-only county tables (a .dbf, no .shp): relationship files that join to EDGES and FACES. None of their
        // keys is unique in Census's files (docs/data-model.md#attribute-only-tables), so the unique-key gates leave them alone.
        new("FEATNAMES", "Feature names of edges (attribute-only)", LayerGeometry.None, County, ["TLID", "LINEARID"], [Since(2010, "FEATNAMES")], keyIsUnique: false),
        new("ADDR", "Address ranges of edges (attribute-only)", LayerGeometry.None, County, ["ARID", "TLID"], [Since(2010, "ADDR")], keyIsUnique: false),
        new("ADDRFN", "Address range to feature name links (attribute-only)", LayerGeometry.None, County, ["ARID", "LINEARID"], [Since(2010, "ADDRFN")], keyIsUnique: false),
        new("OTHERID", "Other identifiers of edges and faces (attribute-only)", LayerGeometry.None, County, ["TLID", "TFID"], [Since(2010, "OTHERID")], keyIsUnique: false),
        new("FACESAH", "Faces to area hydrography links (attribute-only)", LayerGeometry.None, County, ["TFID", "HYDROID"], [Since(2010, "FACESAH")], keyIsUnique: false),
        new("FACESAL", "Faces to area landmark links (attribute-only)", LayerGeometry.None, County, ["TFID", "AREAID"], [Since(2010, "FACESAL")], keyIsUnique: false),
        new("FACESMIL", "Faces to military installation links (attribute-only)", LayerGeometry.None, County, ["TFID", "SMID"], [Since(2010, "FACESMIL")], keyIsUnique: false),
    ];

    private static readonly FrozenDictionary<string, TigerLayer> ByKey = All
        .Concat(CartographicLayers.All)
        .Select(l => KeyValuePair.Create(l.Key, l))
        .Append(KeyValuePair.Create("ZCTA510", All.Single(l => l.Key == "ZCTA520")))
        .Append(KeyValuePair.Create("ZCTA5", All.Single(l => l.Key == "ZCTA520")))
        .ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>Finds a layer by key, any case (cartographic boundary layers too, e.g. CB_CD_500K); ZCTA510 and ZCTA5 name the ZCTA layer too.</summary>
    public static bool TryFind(string key, out TigerLayer layer) => ByKey.TryGetValue(key.Trim(), out layer!);

    /// <summary>The latest vintage this run may ask for: Census publishes a year's files in that year, and may post the next one early.</summary>
    public static int LastYear => DateTime.UtcNow.Year + 1;

    public static bool IsKnownYear(int year) => year >= FirstYear && year <= LastYear;

    /// <summary>How Census names this layer's folder and files in one vintage.</summary>
    public static TigerLayerVintage InYear(this TigerLayer layer, int year)
    {
        if (!layer.IsPublishedIn(year))
        {
            throw new ArgumentOutOfRangeException(nameof(year), year, $"Census publishes {layer.Key} in {layer.Years}.");
        }

        if (layer.IsCartographic)
        {
            return CartographicLayers.InYear(layer, year);
        }

        var era = layer.Eras.First(e => e.Covers(year));
        var token = era.Token.Replace("{congress}", CongressNumber(year).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        return new(layer, year, era.Directory, token, era.Scope ?? layer.Scope) { Folder = era.Folder, TableStem = era.TableStem, Listed = era.Listed };
    }

    /// <summary>The layers Census publishes in a vintage (what <c>--layers all</c> means), in import order.</summary>
    public static IReadOnlyList<TigerLayer> PublishedIn(int year) => All.Where(l => l.IsPublishedIn(year)).ToList();

    /// <summary>2010's decennial naming (<c>TRACT/2010</c>, <c>tract10</c>).</summary>
    private static LayerEra Decennial(string key, bool listed = false) => new(2010, 2010, $"{key}/2010", key.ToLowerInvariant() + "10") { Listed = listed };

    /// <summary>The plain naming from a vintage on (<c>TRACT</c>, <c>tract</c>), while Census publishes it.</summary>
    private static LayerEra Since(int from, string key) => new(from, LayerEra.Open, key, key.ToLowerInvariant());

    /// <summary>
    /// The usual life of a layer since 2010: decennial in 2010 (or, with <paramref name="plain2010"/>, the plain naming
    /// in 2010 too, as the non-decennial products have it), the plain naming from 2011. The 2010 era is
    /// <see cref="LayerEra.Listed"/> when <paramref name="listed2010"/> or <paramref name="plain2010"/>.
    /// </summary>
    private static LayerEra[] Decade(string key, bool listed2010 = false, bool plain2010 = false) => plain2010
        ? [new(2010, 2010, key, key.ToLowerInvariant()) { Listed = true }, Since(2011, key)]
        : [Decennial(key, listed2010), Since(2011, key)];

    /// <summary>
    /// The congress whose districts a vintage carries (a file name's <c>cdNNN</c>). Census's directory listing is
    /// the authority where a source can list; this table is the fallback, continued past its last known year.
    /// </summary>
    public static int CongressNumber(int year) => year switch
    {
        2010 => 111,
        2011 => 112,
        <= 2013 => 113,
        <= 2015 => 114,
        <= 2017 => 115,
        <= 2021 => 116,
        <= 2023 => 118,
        _ => 119 + ((year - 2024) / 2),
    };
}
