namespace TigerImport.Samples.Vintage2024;

/// <summary>
/// The .dbf layouts of 2024 cartographic boundary files (GENZ2024): TIGER/Line's codes plus STUSPS and STATE_NAME,
/// GEOIDFQ before GEOID, and no MTFCC, FUNCSTAT or internal point (as in the real <c>cb_2024_34_sldu_500k</c>).
/// </summary>
public static class CartographicLayouts2024
{
    /// <summary>cb_2024_us_cd119_500k: one national file.</summary>
    public static IReadOnlyList<TigerField> CongressionalDistrict119 { get; } =
    [
        TigerField.Text("STATEFP", 2),
        TigerField.Text("CD119FP", 2),
        TigerField.Text("GEOIDFQ", 13),
        TigerField.Text("GEOID", 4),
        TigerField.Text("NAMELSAD", 41),
        TigerField.Text("STUSPS", 2),
        TigerField.Text("STATE_NAME", 100),
        TigerField.Text("LSAD", 2),
        TigerField.Text("CDSESSN", 3),
        TigerField.Number("ALAND", 14),
        TigerField.Number("AWATER", 14),
    ];
}
