using ProjNet.CoordinateSystems;
using ProjNet.IO.CoordinateSystems;

namespace TigerImport.Geometry;

/// <summary>The coordinate systems the importer writes, and how it reads a .prj.</summary>
public static class SpatialReferences
{
    public const int Nad83 = 4269;
    public const int Wgs84 = 4326;
    public const int WebMercator = 3857;
    public const int ConusAlbers = 5070;

    /// <summary>The targets: ProjNET's own WGS 84 and Web Mercator (its WKT reader does not know EPSG's name for the latter).</summary>
    private static readonly Dictionary<int, Func<CoordinateSystem>> TargetSystems = new()
    {
        [Nad83] = () => FromWkt("""GEOGCS["NAD83",DATUM["North_American_Datum_1983",SPHEROID["GRS 1980",6378137,298.257222101]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433],AUTHORITY["EPSG","4269"]]"""),
        [Wgs84] = () => GeographicCoordinateSystem.WGS84,
        [WebMercator] = () => ProjectedCoordinateSystem.WebMercator,
        [ConusAlbers] = () => FromWkt("""PROJCS["NAD83 / Conus Albers",GEOGCS["NAD83",DATUM["North_American_Datum_1983",SPHEROID["GRS 1980",6378137,298.257222101]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]],PROJECTION["Albers_Conic_Equal_Area"],PARAMETER["latitude_of_center",23],PARAMETER["longitude_of_center",-96],PARAMETER["standard_parallel_1",29.5],PARAMETER["standard_parallel_2",45.5],PARAMETER["false_easting",0],PARAMETER["false_northing",0],UNIT["metre",1],AUTHORITY["EPSG","5070"]]"""),
    };

    /// <summary>The SRIDs <c>--srid</c> accepts.</summary>
    public static IReadOnlyCollection<int> Targets => TargetSystems.Keys;

    public static CoordinateSystem Target(int srid) => TargetSystems.TryGetValue(srid, out var create)
        ? create()
        : throw new TigerImportException(FailureKind.Usage, $"SRID {srid} is not supported; choose one of {string.Join(", ", Targets)}.");

    /// <summary>Reads a .prj (Esri WKT). A missing or unreadable one is an error: guessing a CRS silently misplaces data.</summary>
    public static CoordinateSystem ParseProjection(string? prjText, string fileName)
    {
        if (string.IsNullOrWhiteSpace(prjText))
        {
            throw new TigerImportException(FailureKind.Data, $"{fileName} has no .prj: its coordinate system is unknown (TIGER/Line files are NAD83, EPSG:4269).");
        }

        // ProjNET's tokenizer never returns on an unterminated quoted name (a .prj cut short): refuse that first.
        if (prjText.Count(c => c == '"') % 2 != 0)
        {
            throw new TigerImportException(FailureKind.Data, $"{fileName} has a .prj with an unterminated quoted name (cut short?): {Shorten(prjText)}");
        }

        // The reader stops at the end of the first WKT: what follows it (a second GEOGCS) would be ignored unread.
        if (AfterTheWkt(prjText) is { Length: > 0 } trailing)
        {
            throw new TigerImportException(FailureKind.Data, $"{fileName} has an unreadable .prj: text after its one WKT ('{Shorten(trailing)}'): {Shorten(prjText)}");
        }

        CoordinateSystem system;
        try
        {
            system = (CoordinateSystem)CoordinateSystemWktReader.Parse(prjText);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or NotSupportedException or InvalidCastException)
        {
            throw new TigerImportException(FailureKind.Data, $"{fileName} has a .prj this importer cannot read ({e.Message}): {Shorten(prjText)}", e);
        }

        // Census writes every TIGER/Line and cartographic boundary file in NAD83 degrees: another CRS (UTM, Web Mercator,
        // NAD27, radians) on such a file is a damaged or substituted .prj, and trusting it would misplace every feature.
        if (!IsNad83OrWgs84Geographic(system) || Math.Abs(((GeographicCoordinateSystem)system).AngularUnit.RadiansPerUnit - (Math.PI / 180)) > 1e-12)
        {
            throw new TigerImportException(
                FailureKind.Data, $"{fileName} has a .prj for {system.Name}{(system is GeographicCoordinateSystem g ? $" in {g.AngularUnit.Name}" : "")}, not NAD83 (or WGS 84) longitude/latitude in degrees as every Census file is: {Shorten(prjText)}");
        }

        // "NAD83" is a name: the spheroid and prime meridian are what place the coordinates. NAD83 on Clarke 1866 or
        // with the Paris meridian is another CRS under a trusted name, so both are held to the datum's definition.
        if (EarthModelProblem((GeographicCoordinateSystem)system) is { } problem)
        {
            throw new TigerImportException(
                FailureKind.Data, $"{fileName} has a .prj for {system.Name} {problem}: not NAD83 (GRS 1980, Greenwich) or WGS 84 (WGS 84, Greenwich) as every Census file is: {Shorten(prjText)}");
        }

        // A datum shift on NAD83 or WGS 84 is one this importer would not apply (it treats the two as one datum), so the
        // coordinates would be placed as if it were not there: only the null shift, TOWGS84[0,0,0,0,0,0,0], is theirs.
        if (((GeographicCoordinateSystem)system).HorizontalDatum.Wgs84Parameters is { HasZeroValuesOnly: false } shift)
        {
            throw new TigerImportException(
                FailureKind.Data, $"{fileName} has a .prj for {system.Name} whose datum carries a non-zero {shift.WKT}: a shift this importer would not apply (it reads NAD83 and WGS 84 as one datum), and Census writes none: {Shorten(prjText)}");
        }

        return system;
    }

    /// <summary>
    /// What a .prj holds after its first complete WKT (brackets balanced outside quoted names), less trailing
    /// whitespace and NULs; empty when nothing follows it or when it holds no bracket (the reader refuses that).
    /// </summary>
    private static string AfterTheWkt(string prjText)
    {
        var depth = 0;
        var quoted = false;
        for (var i = 0; i < prjText.Length; i++)
        {
            var c = prjText[i];
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && c is '[' or '(')
            {
                depth++;
            }
            else if (!quoted && c is ']' or ')' && --depth == 0)
            {
                var rest = prjText[(i + 1)..];
                return rest.All(r => char.IsWhiteSpace(r) || r == '\0') ? "" : rest.Trim();
            }
        }

        return "";
    }

    /// <summary>GRS 1980 and WGS 84: the same semi-major axis, inverse flattenings that differ in the ninth digit.</summary>
    private const double SemiMajorAxis = 6378137;
    private const double Grs1980InverseFlattening = 298.257222101;
    private const double Wgs84InverseFlattening = 298.257223563;

    /// <summary>What in the datum's spheroid or the prime meridian is not the datum's own, or null.</summary>
    private static string? EarthModelProblem(GeographicCoordinateSystem system)
    {
        var ellipsoid = system.HorizontalDatum.Ellipsoid;
        var isWgs84 = !IsNad83(system.HorizontalDatum.Name);
        var (expectedName, inverseFlattening) = isWgs84 ? ("WGS 84", Wgs84InverseFlattening) : ("GRS 1980", Grs1980InverseFlattening);
        var axis = ellipsoid.SemiMajorAxis * ellipsoid.AxisUnit.MetersPerUnit;
        if (Math.Abs(axis - SemiMajorAxis) > 1e-3 || Math.Abs(ellipsoid.InverseFlattening - inverseFlattening) > 1e-6)
        {
            return $"on the spheroid {ellipsoid.Name} (semi-major axis {axis} m, inverse flattening {ellipsoid.InverseFlattening}), not {expectedName}";
        }

        var meridian = system.PrimeMeridian;
        var longitude = meridian.Longitude * meridian.AngularUnit.RadiansPerUnit * 180 / Math.PI;
        return Math.Abs(longitude) > 1e-9 || !meridian.Name.Contains("Greenwich", StringComparison.OrdinalIgnoreCase)
            ? $"with the prime meridian {meridian.Name} ({longitude}° from Greenwich), not Greenwich"
            : null;
    }

    /// <summary>True for a geographic CRS on NAD83 or WGS 84, which the importer treats as one datum (see <see cref="Reprojector"/>).</summary>
    internal static bool IsNad83OrWgs84Geographic(CoordinateSystem cs) =>
        cs is GeographicCoordinateSystem geographic && IsNad83OrWgs84(geographic.HorizontalDatum.Name);

    private static bool IsNad83OrWgs84(string datumName)
    {
        var name = datumName.Replace("_", " ", StringComparison.Ordinal).ToUpperInvariant();
        return IsNad83(datumName) || name.Contains("WGS 1984", StringComparison.Ordinal) || name.Contains("WGS 84", StringComparison.Ordinal) || name.Contains("WGS84", StringComparison.Ordinal);
    }

    private static bool IsNad83(string datumName)
    {
        var name = datumName.Replace("_", " ", StringComparison.Ordinal).ToUpperInvariant();
        return name.Contains("NORTH AMERICAN", StringComparison.Ordinal) && name.Contains("1983", StringComparison.Ordinal) && !name.Contains("HARN", StringComparison.Ordinal);
    }

    private static CoordinateSystem FromWkt(string wkt) => (CoordinateSystem)CoordinateSystemWktReader.Parse(wkt);

    private static string Shorten(string text) => text.Length <= 120 ? text : text[..120] + "…";
}
