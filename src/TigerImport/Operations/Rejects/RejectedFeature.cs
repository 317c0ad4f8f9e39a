namespace TigerImport.Operations.Rejects;

/// <summary>One row of <c>tiger_rejects</c>, geometry already as GeoJSON in EPSG:4326 (null when none was read).</summary>
public sealed record RejectedFeature(string Table, string File, int Record, string Reason, string? GeoJsonGeometry, string? AttributesJson);
