using System.Globalization;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Esri.Dbf.Fields;
using TigerImport.Catalog;

namespace TigerImport.Import.Policies;

/// <summary>
/// A polygon's shape agrees with its own row: the internal point (<c>INTPTLAT</c>/<c>INTPTLON</c>) lies in the shape,
/// and the shape's area agrees with <c>ALAND</c>+<c>AWATER</c>. One check that catches .shp records misaligned with the
/// .dbf (rotated, swapped), moved, swapped-axis, faked and repeated shapes. Cartographic boundary files are not held
/// to the area (they are clipped to the shoreline while ALAND is TIGER/Line's), and files without the fields are not
/// checked: every TIGER/Line polygon layer but FACES must carry them (<see cref="TigerLayer.ShapeFields"/>).
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

    private readonly int? lat, lon, land, water;

    public ShapeAgreementGate(DbfFieldCollection fields, TigerLayer layer, int year)
    {
        if (layer.Geometry != LayerGeometry.MultiPolygon)
        {
            return;
        }

        (lat, lon) = (FieldLookup.Find(fields, "INTPTLAT", year), FieldLookup.Find(fields, "INTPTLON", year));
        if (!layer.IsCartographic)
        {
            (land, water) = (FieldLookup.Find(fields, "ALAND", year), FieldLookup.Find(fields, "AWATER", year));
        }
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
            // Every real TIGER/Line polygon states a positive area (water's ALAND is 0, its AWATER is not): a blank, zero
            // or negative sum would otherwise switch the comparison off.
            var stated = Number(values[l]) + (water is { } w ? Number(values[w]) : 0);
            if (!(stated > 0))
            {
                return $"its ALAND, AWATER ({Stated(values[l])}, {(water is { } v ? Stated(values[v]) : "none")}) state no positive area";
            }

            var area = SphericalArea.Of(geometry);
            if (Math.Abs((area / stated) - 1) > AreaTolerance)
            {
                return FormattableString.Invariant($"its shape's area {area:0} m² disagrees with ALAND+AWATER {stated:0} m² (by more than {AreaTolerance:0%})");
            }
        }

        return null;
    }

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
