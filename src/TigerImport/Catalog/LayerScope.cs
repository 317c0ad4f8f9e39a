namespace TigerImport.Catalog;

/// <summary>How Census splits a layer into files: one national file, one per state, or one per county.</summary>
public enum LayerScope
{
    Nation,
    State,
    County,
}
