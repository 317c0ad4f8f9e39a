using System.Globalization;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Esri.Dbf.Fields;
using TigerImport.Catalog;

namespace TigerImport.Import.Policies;

/// <summary>
/// A polygon's shape agrees with its own row: the internal point (<c>INTPTLAT</c>/<c>INTPTLON</c>) lies in the shape,
/// and the shape's area agrees with <c>ALAND</c>+<c>AWATER</c>. One check that catches .shp records misaligned with the
/// .dbf (rotated, swapped), moved, swapped-axis, faked and repeated shapes. Cartographic boundary files are held to a
/// wider area bound (<see cref="CartographicLandShare"/>, <see cref="CartographicTotalShare"/>: their shapes are
/// generalized and clipped to the shoreline while ALAND and AWATER are TIGER/Line's), and files without the fields are
/// not checked: every TIGER/Line polygon layer but FACES must carry them (<see cref="TigerLayer.ShapeFields"/>).
/// </summary>
internal sealed class ShapeAgreementGate
{
    /// <summary>How far (degrees, about 10 m) an internal point may lie outside its shape; real files measured: 0.</summary>
    public const double PointTolerance = 1e-4;

    /// <summary>
    /// How far the shape's area on the sphere may differ from ALAND+AWATER, as a share of it. Measured over every real
    /// TIGER/Line polygon in ../shared (the 7,306 tracts of 23 files, latitudes 14°S–49°N): 0.99686–1.00461 (the sphere
    /// against Census's ellipsoid, smaller with latitude; Alaska's by the same trend about 0.992). 3% leaves three times
    /// the widest deviation, and a shape swapped with a neighbour of another size, cut, or faked is outside it.
    /// </summary>
    public const double AreaTolerance = 0.03;

    /// <summary>
    /// The cartographic area bound holds features of at least this ALAND+AWATER (m², 100 km²). Generalization moves a
    /// boundary by a distance, not a share, so small features drift furthest: over every cartographic polygon in
    /// ../shared/tiger/genz (cd116 20m, state 20m, NJ sldu 500k; 529 features) area / ALAND is 0.405–1.922 and area /
    /// (ALAND+AWATER) 0.115–1.583 overall, all of the extremes New York City's 20m districts under 100 km² (NY-13 0.405,
    /// NY-12 1.583); at 100 km² and over (512 features) 0.863–1.243, and at 1,000 km² and over (397) 0.960–1.045.
    /// </summary>
    public const double CartographicMinimumArea = 1e8;

    /// <summary>
    /// At or above <see cref="CartographicMinimumArea"/> a cartographic shape's area may be as small as this share of
    /// its ALAND (measured: 0.863, so a third leaves more than twice the widest deviation for resolutions and layers
    /// not at hand): California's 12th district's shape under the 45th's row (0.133 of its ALAND) is outside it.
    /// </summary>
    public const double CartographicLandShare = 1.0 / 3;

    /// <summary>
    /// ... and as large as this multiple of its ALAND+AWATER (measured: 1.243, twice leaves four times the deviation):
    /// the 45th's shape under the 12th's row (2.51 times its land and water) is outside it.
    /// </summary>
    public const double CartographicTotalShare = 2;

    private readonly bool cartographic;

    private readonly int? lat, lon, land, water;

    public ShapeAgreementGate(DbfFieldCollection fields, TigerLayer layer, int year)
    {
        if (layer.Geometry != LayerGeometry.MultiPolygon)
        {
            return;
        }

        (lat, lon) = (FieldLookup.Find(fields, "INTPTLAT", year), FieldLookup.Find(fields, "INTPTLON", year));
        (land, water) = (FieldLookup.Find(fields, "ALAND", year), FieldLookup.Find(fields, "AWATER", year));
        cartographic = layer.IsCartographic;
    }

    public bool Applies => (lat is not null && lon is not null) || land is not null;

    /// <summary>Why the shape disagrees with its row, or null; thread-safe.</summary>
    public string? Problem(NetTopologySuite.Geometries.Geometry geometry, object?[] values)
    {
        if (lat is { } la && lon is { } lo)
        {
            if (!TryDegrees(values[la], out var y) || !TryDegrees(values[lo], out var x))
            {
                return $"its internal point ({values[la]}, {values[lo]}) is not a pair of numbers";
            }

            var point = geometry.Factory.CreatePoint(new Coordinate(x, y));
            if (!geometry.Intersects(point) && geometry.Distance(point) > PointTolerance)
            {
                return FormattableString.Invariant($"its internal point {y},{x} lies outside its shape (extent {Box(geometry)})");
            }
        }

        if (land is { } l)
        {
            // Every real polygon states a positive area (water's ALAND is 0, its AWATER is not): a blank, zero or
            // negative sum would otherwise switch the comparison off.
            var aland = Number(values[l]);
            var stated = aland + (water is { } w ? Number(values[w]) : 0);
            if (!(stated > 0))
            {
                return $"its ALAND, AWATER ({Stated(values[l])}, {(water is { } v ? Stated(values[v]) : "none")}) state no positive area";
            }

            return cartographic ? CartographicAreaProblem(SphericalArea.Of(geometry), aland, stated) : AreaProblem(SphericalArea.Of(geometry), stated);
        }

        return null;
    }

    private static string? AreaProblem(double area, double stated) => Math.Abs((area / stated) - 1) > AreaTolerance
        ? FormattableString.Invariant($"its shape's area {area:0} m² disagrees with ALAND+AWATER {stated:0} m² (by more than {AreaTolerance:0%})")
        : null;

    private static string? CartographicAreaProblem(double area, double aland, double stated) =>
        stated >= CartographicMinimumArea && (area < aland * CartographicLandShare || area > stated * CartographicTotalShare)
            ? FormattableString.Invariant($"its shape's area {area:0} m² lies outside {CartographicLandShare:0.###} × ALAND {aland:0} m² … {CartographicTotalShare:0.###} × ALAND+AWATER {stated:0} m² (a cartographic file's generalized shapes of 100 km² or more measured within 0.86–1.24)")
            : null;

    private static bool TryDegrees(object? value, out double degrees) =>
        double.TryParse(value as string, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out degrees)
        && double.IsFinite(degrees);

    private static double Number(object? value) => value switch
    {
        long n => n,
        int n => n,
        double d when double.IsFinite(d) => d,
        decimal m => (double)m,
        string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        _ => 0,
    };

    private static string Stated(object? value) => value is null or "" ? "blank" : Convert.ToString(value, CultureInfo.InvariantCulture)!;

    private static string Box(NetTopologySuite.Geometries.Geometry geometry)
    {
        var e = geometry.EnvelopeInternal;
        return FormattableString.Invariant($"{e.MinX:0.###},{e.MinY:0.###} … {e.MaxX:0.###},{e.MaxY:0.###}");
    }
}
