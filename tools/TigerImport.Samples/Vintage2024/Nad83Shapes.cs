using System.Globalization;
using NetTopologySuite.Geometries;

namespace TigerImport.Samples.Vintage2024;

/// <summary>Builds the samples' hand-drawn NAD83 geometries from longitude/latitude pairs.</summary>
/// <remarks>
/// Coordinates are decimal literals, never computed with trigonometry: Math.Sin and friends may differ in the last bit
/// between platforms, and the samples must be byte-for-byte reproducible. The areas (<see cref="LandAndWater"/>) do use
/// it, rounded to the square metre, where a last-bit difference cannot show.
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

    /// <summary>
    /// ALAND and AWATER as Census's agree with its shapes: together the shape's area on the GRS 1980 ellipsoid (Census's
    /// ALAND+AWATER is within 0.08% of it on every real TIGER/Line polygon in ../shared), <paramref name="waterShare"/>
    /// of it water, to the square metre. A deliberately invalid shape gets the area of its repair, as the valid shape
    /// Census would have drawn.
    /// </summary>
    public static (long Land, long Water) LandAndWater(Geometry area, double waterShare)
    {
        var total = Math.Round(EllipsoidalArea(area.IsValid ? area : NetTopologySuite.Geometries.Utilities.GeometryFixer.Fix(area)));
        var water = Math.Round(total * waterShare);
        return ((long)(total - water), (long)water);
    }

    private const double SemiMajorAxis = 6_378_137;
    private const double Flattening = 1 / 298.257222101;

    /// <summary>
    /// The area in m² on the GRS 1980 ellipsoid: each latitude mapped to its authalic latitude, the ring's area on the
    /// authalic sphere by the trapezoid formula of Chamberlain and Duquette (the sphere of equal area keeps areas).
    /// </summary>
    private static double EllipsoidalArea(Geometry area)
    {
        double total = 0;
        for (var i = 0; i < area.NumGeometries; i++)
        {
            var polygon = (Polygon)area.GetGeometryN(i);
            total += RingArea(polygon.ExteriorRing) - polygon.InteriorRings.Sum(RingArea);
        }

        return total;
    }

    private static double RingArea(LineString ring)
    {
        var e = Math.Sqrt(Flattening * (2 - Flattening));
        double Q(double latitude)
        {
            var sin = Math.Sin(double.DegreesToRadians(latitude));
            return (1 - (e * e)) * ((sin / (1 - (e * e * sin * sin))) - (Math.Log((1 - (e * sin)) / (1 + (e * sin))) / (2 * e)));
        }

        var pole = Q(90);
        var radius = SemiMajorAxis * Math.Sqrt(pole / 2);
        double sum = 0;
        for (var i = 0; i + 1 < ring.NumPoints; i++)
        {
            var (a, b) = (ring.GetCoordinateN(i), ring.GetCoordinateN(i + 1));
            // sin(authalic latitude) = q(φ) / q(90°).
            sum += double.DegreesToRadians(b.X - a.X) * (2 + (Q(a.Y) / pole) + (Q(b.Y) / pole));
        }

        return Math.Abs(sum * radius * radius / 2);
    }

    private static Coordinate[] ToCoordinates(double[] lonLat) =>
        lonLat.Length % 2 == 0
            ? [.. lonLat.Chunk(2).Select(pair => new Coordinate(pair[0], pair[1]))]
            : throw new ArgumentException("Coordinates come in longitude/latitude pairs.", nameof(lonLat));
}
