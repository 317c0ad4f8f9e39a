using System.Collections.Frozen;

namespace TigerImport.Catalog;

/// <summary>Every layer the importer knows, and how each is named in a given vintage.</summary>
public static class TigerLayers
{
    /// <summary>The first vintage in the <c>TIGER{YYYY}/{DIR}/</c> layout this catalog describes.</summary>
    public const int FirstYear = 2010;

    private static readonly string[] Geoid = ["GEOID", "GEOID10", "GEOID20"];

    /// <summary>In the order they are imported: small national layers first, per-county line layers last.</summary>
    public static IReadOnlyList<TigerLayer> All { get; } =
    [
        new("STATE", "States and equivalents", LayerGeometry.MultiPolygon, LayerScope.Nation, Geoid, decennialIn2010: true),
        new("COUNTY", "Counties and equivalents", LayerGeometry.MultiPolygon, LayerScope.Nation, Geoid, decennialIn2010: true),
        new("CD", "Congressional districts", LayerGeometry.MultiPolygon, LayerScope.Nation, Geoid),
        new("SLDU", "State legislative districts, upper", LayerGeometry.MultiPolygon, LayerScope.State, Geoid, decennialIn2010: true),
        new("SLDL", "State legislative districts, lower", LayerGeometry.MultiPolygon, LayerScope.State, Geoid, decennialIn2010: true),
        new("PLACE", "Places", LayerGeometry.MultiPolygon, LayerScope.State, Geoid, decennialIn2010: true),
        new("ZCTA520", "ZIP Code tabulation areas (ZCTA510 before 2020)", LayerGeometry.MultiPolygon, LayerScope.Nation, Geoid, decennialIn2010: true),
        new("TRACT", "Census tracts", LayerGeometry.MultiPolygon, LayerScope.State, Geoid, decennialIn2010: true),
        new("BG", "Block groups", LayerGeometry.MultiPolygon, LayerScope.State, Geoid, decennialIn2010: true),
        new("COUSUB", "County subdivisions", LayerGeometry.MultiPolygon, LayerScope.State, Geoid, decennialIn2010: true),
        new("EDGES", "All lines (edges)", LayerGeometry.MultiLineString, LayerScope.County, ["TLID"]),
        new("ADDRFEAT", "Address range features", LayerGeometry.MultiLineString, LayerScope.County, ["TLID"], keyIsUnique: false),
        new("FACES", "Topological faces", LayerGeometry.MultiPolygon, LayerScope.County, ["TFID"]),
        new("ROADS", "All roads", LayerGeometry.MultiLineString, LayerScope.County, ["LINEARID"], keyIsUnique: false),
        new("AREAWATER", "Area hydrography", LayerGeometry.MultiPolygon, LayerScope.County, ["HYDROID"]),
        new("LINEARWATER", "Linear hydrography", LayerGeometry.MultiLineString, LayerScope.County, ["LINEARID"], keyIsUnique: false),

        // Attribute-only county tables (a .dbf, no .shp): relationship files that join to EDGES and FACES. None of their
        // keys is unique in Census's files (docs/data-model.md#attribute-only-tables), so the unique-key gates leave them alone.
        new("FEATNAMES", "Feature names of edges (attribute-only)", LayerGeometry.None, LayerScope.County, ["TLID", "LINEARID"], keyIsUnique: false),
        new("ADDR", "Address ranges of edges (attribute-only)", LayerGeometry.None, LayerScope.County, ["ARID", "TLID"], keyIsUnique: false),
        new("ADDRFN", "Address range to feature name links (attribute-only)", LayerGeometry.None, LayerScope.County, ["ARID", "LINEARID"], keyIsUnique: false),
        new("OTHERID", "Other identifiers of edges and faces (attribute-only)", LayerGeometry.None, LayerScope.County, ["TLID", "TFID"], keyIsUnique: false),
        new("FACESAH", "Faces to area hydrography links (attribute-only)", LayerGeometry.None, LayerScope.County, ["TFID", "HYDROID"], keyIsUnique: false),
        new("FACESAL", "Faces to area landmark links (attribute-only)", LayerGeometry.None, LayerScope.County, ["TFID", "AREAID"], keyIsUnique: false),
        new("FACESMIL", "Faces to military installation links (attribute-only)", LayerGeometry.None, LayerScope.County, ["TFID", "SMID"], keyIsUnique: false),
    ];

    private static readonly FrozenDictionary<string, TigerLayer> ByKey = All
        .Concat(CartographicLayers.All)
        .Select(l => KeyValuePair.Create(l.Key, l))
        .Append(KeyValuePair.Create("ZCTA510", All.Single(l => l.Key == "ZCTA520")))
        .Append(KeyValuePair.Create("ZCTA5", All.Single(l => l.Key == "ZCTA520")))
        .ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>Finds a layer by key, any case (cartographic boundary layers too, e.g. CB_CD_500K); ZCTA510 and ZCTA5 name the ZCTA layer too.</summary>
    public static bool TryFind(string key, out TigerLayer layer) => ByKey.TryGetValue(key.Trim(), out layer!);

    /// <summary>The latest vintage this run may ask for: Census publishes a year's files in that year.</summary>
    public static int LastYear => DateTime.UtcNow.Year;

    public static bool IsKnownYear(int year) => year >= FirstYear && year <= LastYear;

    /// <summary>How Census names this layer's folder and files in one vintage.</summary>
    public static TigerLayerVintage InYear(this TigerLayer layer, int year)
    {
        if (year < layer.FirstYear || year > LastYear)
        {
            throw new ArgumentOutOfRangeException(nameof(year), year, $"{layer.Key} vintages {layer.FirstYear}–{LastYear} are supported.");
        }

        if (layer.IsCartographic)
        {
            return CartographicLayers.InYear(layer, year);
        }

        var decennial = year == 2010 && layer.DecennialIn2010;
        return layer.Key switch
        {
            // CD: one national file through 2021, one per state from 2022; folder CD/111 in 2010.
            "CD" => new(layer, year, year == 2010 ? "CD/111" : "CD", $"cd{CongressNumber(year)}", year >= 2022 ? LayerScope.State : LayerScope.Nation),
            "ZCTA520" => new(layer, year, year == 2010 ? "ZCTA5/2010" : year < 2020 ? "ZCTA5" : "ZCTA520", year < 2020 ? "zcta510" : "zcta520", layer.Scope),
            _ => new(layer, year, decennial ? $"{layer.Key}/2010" : layer.Key, layer.Key.ToLowerInvariant() + (decennial ? "10" : ""), layer.Scope),
        };
    }

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
