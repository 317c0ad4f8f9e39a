using NetTopologySuite.IO.Esri;

namespace TigerImport.Samples;

/// <summary>Everything one TIGER-schema zip holds: its name, field layout, shape type, features, encoding and projection.</summary>
/// <param name="BaseName">The file name without extension, e.g. <c>tl_2024_35_place</c>; every zip entry starts with it.</param>
/// <param name="ShapeType">Point, MultiPoint, PolyLine or Polygon: the types TIGER/Line uses.</param>
/// <param name="Fields">The .dbf layout, in column order.</param>
/// <param name="Features">The records, in file order.</param>
public sealed record TigerLayerSample(
    string BaseName,
    ShapeType ShapeType,
    IReadOnlyList<TigerField> Fields,
    IReadOnlyList<TigerFeature> Features)
{
    /// <summary>Text encoding and .cpg; Census's UTF-8 by default.</summary>
    public TigerEncoding Encoding { get; init; } = TigerEncoding.Utf8;

    /// <summary>The .prj text, or null for no .prj; Census's NAD83 by default.</summary>
    public string? Projection { get; init; } = CensusProjection.Nad83;

    /// <summary>
    /// The date stamped into the .dbf header and on every zip entry. Fixed, never the clock, so output is reproducible.
    /// </summary>
    public DateOnly LastModified { get; init; } = new(2024, 9, 1);
}
