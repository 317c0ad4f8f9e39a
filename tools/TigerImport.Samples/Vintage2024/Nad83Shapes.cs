using System.Globalization;
using NetTopologySuite.Geometries;

namespace TigerImport.Samples.Vintage2024;

/// <summary>Builds the samples' hand-drawn NAD83 geometries from longitude/latitude pairs.</summary>
/// <remarks>
/// Coordinates are decimal literals, never computed with trigonometry: Math.Sin and friends may differ in the last bit
/// between platforms, and the samples must be byte-for-byte reproducible.
/// </remarks>
internal static class Nad83Shapes
{
    private const int Nad83Srid = 4269;
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), Nad83Srid);

    /// <summary>A ring from lon/lat pairs; the closing point is added.</summary>
    public static LinearRing Ring(params double[] lonLat)
    {
        var coordinates = ToCoordinates(lonLat);
        return Factory.CreateLinearRing([.. coordinates, coordinates[0]]);
    }

    /// <summary>A polygon without holes from lon/lat pairs; the closing point is added.</summary>
    public static Polygon Polygon(params double[] lonLat) => Factory.CreatePolygon(Ring(lonLat));

    /// <summary>A polygon with holes.</summary>
    public static Polygon PolygonWithHoles(LinearRing shell, params LinearRing[] holes) => Factory.CreatePolygon(shell, holes);

    /// <summary>A multi-part polygon, e.g. a county with islands.</summary>
    public static MultiPolygon MultiPolygon(params Polygon[] parts) => Factory.CreateMultiPolygon(parts);

    /// <summary>A single-part line from lon/lat pairs.</summary>
    public static LineString Line(params double[] lonLat) => Factory.CreateLineString(ToCoordinates(lonLat));

    /// <summary>
    /// INTPTLAT and INTPTLON as Census writes them (sign, zero-padded degrees, 7 decimals: <c>+32.3199396</c>,
    /// <c>-106.7636540</c>), for a point inside <paramref name="area"/>.
    /// </summary>
    public static (string Latitude, string Longitude) InternalPoint(Geometry area) =>
        InternalPoint(area.InteriorPoint.X, area.InteriorPoint.Y);

    /// <summary>INTPTLAT and INTPTLON for a given point, for records whose shape is missing.</summary>
    public static (string Latitude, string Longitude) InternalPoint(double longitude, double latitude) =>
        (latitude.ToString("+00.0000000;-00.0000000", CultureInfo.InvariantCulture),
         longitude.ToString("+000.0000000;-000.0000000", CultureInfo.InvariantCulture));

    private static Coordinate[] ToCoordinates(double[] lonLat) =>
        lonLat.Length % 2 == 0
            ? [.. lonLat.Chunk(2).Select(pair => new Coordinate(pair[0], pair[1]))]
            : throw new ArgumentException("Coordinates come in longitude/latitude pairs.", nameof(lonLat));
}
