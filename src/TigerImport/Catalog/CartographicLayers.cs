namespace TigerImport.Catalog;

/// <summary>
/// Census's cartographic boundary files (<c>GENZ{YYYY}/shp/cb_{YYYY}_{scope}_{layer}_{res}.zip</c>): generalised,
/// shoreline-clipped outlines for maps. One catalog layer per layer and resolution, keyed <c>CB_{LAYER}_{RES}</c>.
/// </summary>
public static class CartographicLayers
{
    /// <summary>The first vintage this catalog names <c>cb_…</c>; GENZ2010 used another scheme (<c>gz_2010_…</c>).</summary>
    public const int FirstYear = 2013;

    private static readonly string[] AllResolutions = ["500k", "5m", "20m"];

    /// <summary>Legislative districts and places come per state, at 500k only; the others nationally at every resolution.</summary>
    public static IReadOnlyList<TigerLayer> All { get; } =
    [
        .. Layers("NATION", "United States outline", LayerScope.Nation, AllResolutions),
        .. Layers("STATE", "States and equivalents", LayerScope.Nation, AllResolutions),
        .. Layers("COUNTY", "Counties and equivalents", LayerScope.Nation, AllResolutions),
        .. Layers("CD", "Congressional districts", LayerScope.Nation, AllResolutions),
        .. Layers("SLDU", "State legislative districts, upper", LayerScope.State, ["500k"]),
        .. Layers("SLDL", "State legislative districts, lower", LayerScope.State, ["500k"]),
        .. Layers("PLACE", "Places", LayerScope.State, ["500k"]),
    ];

    /// <summary>The vintage's folder below <c>geo/tiger/</c>: <c>GENZ2013/</c> had no <c>shp/</c> subfolder.</summary>
    internal static TigerLayerVintage InYear(TigerLayer layer, int year) => new(
        layer,
        year,
        year == FirstYear ? "" : "shp",
        (layer.BaseKey == "CD" ? $"cd{TigerLayers.CongressNumber(year)}" : layer.BaseKey.ToLowerInvariant()) + "_" + layer.Resolution,
        layer.Scope);

    private static IEnumerable<TigerLayer> Layers(string baseKey, string description, LayerScope scope, string[] resolutions) =>
        resolutions.Select(res => new TigerLayer(
            $"CB_{baseKey}_{res.ToUpperInvariant()}", $"{description}, cartographic boundary 1:{res}", LayerGeometry.MultiPolygon, scope, ["GEOID"], resolution: res));
}
