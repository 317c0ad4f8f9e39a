namespace TigerImport.Geometry;

/// <summary>The geometry to load (null when rejected), what happened to it, and why when it was not kept as read.</summary>
public readonly record struct GeometryVerdict(NetTopologySuite.Geometries.Geometry? Geometry, GeometryFate Fate, string? Reason);
