namespace TigerImport.Catalog;

/// <summary>The one geometry type a layer's table holds: every feature is forced to its Multi* form.</summary>
public enum LayerGeometry
{
    MultiPolygon,
    MultiLineString,

    /// <summary>Point landmarks (POINTLM): shapefile Point or MultiPoint records, each stored as a MultiPoint.</summary>
    MultiPoint,
    /// <summary>
    /// An attribute-only table (FEATNAMES, ADDR…): Census ships a .dbf (and .cpg) with no .shp, .shx or .prj; its table
    /// has no geometry column, no GiST index and no row in geometry_columns.
    /// </summary>
    None,
}
