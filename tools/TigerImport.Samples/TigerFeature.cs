using NetTopologySuite.Geometries;

namespace TigerImport.Samples;

/// <summary>One shapefile record: a geometry and one attribute value per field, in field order.</summary>
/// <param name="Geometry">Null or EMPTY writes a null shape record (shape type 0), as a damaged file would hold.</param>
/// <param name="Values">
/// string for C fields, an integer or decimal for N fields, DateOnly or DateTime for D fields; null writes a blank value.
/// </param>
public sealed record TigerFeature(Geometry? Geometry, IReadOnlyList<object?> Values);
