namespace TigerImport.Catalog;

/// <summary>The one geometry type a layer's table holds: every feature is forced to its Multi* form.</summary>
public enum LayerGeometry
{
    MultiPolygon,
    MultiLineString,
}
