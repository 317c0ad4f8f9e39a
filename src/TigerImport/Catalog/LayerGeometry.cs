namespace TigerImport.Catalog;

/// <summary>The one geometry type a layer's table holds: every feature is forced to its Multi* form.</summary>
public enum LayerGeometry
{
    MultiPolygon,
    MultiLineString,

    /// <summary>Point landmarks (POINTLM): shapefile Point or MultiPoint records, each stored as a MultiPoint.</summary>
    MultiPoint,
}
