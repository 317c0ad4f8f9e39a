namespace TigerImport.Catalog;

/// <summary>What the user asked for: one vintage, some layers, optionally some states and counties.</summary>
/// <param name="States">Null means every state, DC and Puerto Rico.</param>
/// <param name="Counties">5-digit state+county codes that narrow county-based layers; null means all counties of the states.</param>
public sealed record ImportRequest(
    int Year,
    IReadOnlyList<TigerLayer> Layers,
    IReadOnlyList<UsState>? States = null,
    IReadOnlyList<string>? Counties = null);
