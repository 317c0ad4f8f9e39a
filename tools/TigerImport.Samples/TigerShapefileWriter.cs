using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Esri;
using NetTopologySuite.IO.Esri.Dbf.Fields;
using NetTopologySuite.IO.Esri.Shapefiles.Writers;

namespace TigerImport.Samples;

/// <summary>Writes a sample's loose shapefile parts (.cpg .dbf .prj .shp .shx) into a folder.</summary>
/// <remarks>
/// Tests that need a damaged zip write the parts, change one (truncate the .dbf, delete the .shx), then zip them with
/// <see cref="DeterministicZipWriter"/>.
/// </remarks>
public static class TigerShapefileWriter
{
    // dBASE III header: byte 0 is the version, bytes 1-3 the last update date (years since 1900, month, day).
    private const int DbfLastUpdateOffset = 1;

    // Builds the empty geometries that stand for a missing shape; coordinates never come from it.
    private static readonly GeometryFactory NullShapeFactory = new();

    /// <summary>Writes the parts and returns their paths in zip entry order (by extension, as in Census zips).</summary>
    public static IReadOnlyList<string> WriteParts(string directory, TigerLayerSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        if (sample.BaseName.Length == 0 || sample.BaseName.IndexOfAny(['/', '\\', '.']) >= 0)
        {
            throw new ArgumentException($"Base name '{sample.BaseName}' must be a bare file name without extension.", nameof(sample));
        }

        var basePath = Path.Combine(directory, sample.BaseName);
        var parts = new List<string>();
        if (sample.Encoding.CpgText is { } cpgText)
        {
            parts.Add(WriteText(basePath + ".cpg", cpgText));
        }

        WriteShapefile(basePath, sample);
        StampDbfDate(basePath + ".dbf", sample.LastModified);
        parts.Add(basePath + ".dbf");
        if (sample.Projection is { } projection)
        {
            parts.Add(WriteText(basePath + ".prj", projection));
        }

        parts.Add(basePath + ".shp");
        parts.Add(basePath + ".shx");
        return parts;
    }

    private static void WriteShapefile(string basePath, TigerLayerSample sample)
    {
        var fields = sample.Fields.Select(CreateDbfField).ToArray();

        // Our own options object: the library's shared defaults must never be touched (parallel tests).
        var options = new ShapefileWriterOptions(sample.ShapeType, fields) { Encoding = sample.Encoding.DbfEncoding };
        using var shp = File.Create(basePath + ".shp");
        using var shx = File.Create(basePath + ".shx");
        using var dbf = File.Create(basePath + ".dbf");

        // No .prj stream: the .prj is written separately so its bytes are exactly the sample's text.
        using var writer = Shapefile.OpenWrite(shp, shx, dbf, null, options);
        for (var index = 0; index < sample.Features.Count; index++)
        {
            var feature = sample.Features[index];
            if (feature.Values.Count != fields.Length)
            {
                throw Invalid(sample, index, $"has {feature.Values.Count} values for {fields.Length} fields");
            }

            for (var column = 0; column < fields.Length; column++)
            {
                fields[column].Value = ToDbfValue(sample, index, column, feature.Values[column]);
            }

            writer.Geometry = ToShapeGeometry(sample, index, feature.Geometry);
            writer.Write();
        }
    }

    private static DbfField CreateDbfField(TigerField field)
    {
        // The library silently clamps out-of-range widths; a sample must fail instead of differing from its layout.
        // It also rejects width 0, so the zero-width C fields of some 2024 Census files cannot be reproduced here.
        var valid = field.Name.Length is > 0 and <= 10 && field.Name.All(char.IsAscii) && field.Type switch
        {
            TigerFieldType.Character => field.Width is >= 1 and <= 254 && field.Decimals == 0,
            TigerFieldType.Numeric => field.Width is >= 1 and <= 19 && field.Decimals >= 0
                && (field.Decimals == 0 || field.Decimals <= field.Width - 2),
            TigerFieldType.Date => field.Width == 8 && field.Decimals == 0,
            _ => false,
        };
        if (!valid)
        {
            throw new ArgumentException($"Field {field} cannot be stored in a dBASE III file.", nameof(field));
        }

        return field.Type switch
        {
            TigerFieldType.Character => new DbfCharacterField(field.Name, field.Width),
            TigerFieldType.Numeric when field.Decimals == 0 => new DbfNumericInt64Field(field.Name, field.Width),
            TigerFieldType.Numeric => new DbfNumericDecimalField(field.Name, field.Width, field.Decimals),
            _ => new DbfDateField(field.Name, field.Width),
        };
    }

    private static object? ToDbfValue(TigerLayerSample sample, int index, int column, object? value)
    {
        var field = sample.Fields[column];
        switch (field.Type, value)
        {
            case (_, null):
                return null;
            case (TigerFieldType.Character, string text):
                // The library would cut an over-long value silently, possibly inside a multi-byte character.
                var byteCount = sample.Encoding.DbfEncoding.GetByteCount(text);
                return byteCount <= field.Width
                    ? text
                    : throw Invalid(sample, index, $"{field.Name} value '{text}' takes {byteCount} bytes, more than its width {field.Width}");
            case (TigerFieldType.Numeric, int or long):
            case (TigerFieldType.Numeric, decimal) when field.Decimals > 0:
                return value;
            case (TigerFieldType.Date, DateOnly date):
                return date.ToDateTime(TimeOnly.MinValue);
            case (TigerFieldType.Date, DateTime):
                return value;
            default:
                throw Invalid(sample, index, $"{field.Name} ({(char)field.Type}) cannot hold a {value.GetType().Name}");
        }
    }

    private static Geometry ToShapeGeometry(TigerLayerSample sample, int index, Geometry? geometry)
    {
        // The library's polygon and line writers take Multi* only; null and EMPTY both become a null shape record.
        var factory = geometry?.Factory ?? NullShapeFactory;
        return (sample.ShapeType, geometry) switch
        {
            (ShapeType.Polygon, null or { IsEmpty: true }) => factory.CreateMultiPolygon(),
            (ShapeType.Polygon, Polygon polygon) => factory.CreateMultiPolygon([polygon]),
            (ShapeType.Polygon, MultiPolygon) => geometry,
            (ShapeType.PolyLine, null or { IsEmpty: true }) => factory.CreateMultiLineString(),
            (ShapeType.PolyLine, LineString line) => factory.CreateMultiLineString([line]),
            (ShapeType.PolyLine, MultiLineString) => geometry,
            (ShapeType.Point, null or { IsEmpty: true }) => factory.CreatePoint(),
            (ShapeType.Point, Point) => geometry,
            (ShapeType.MultiPoint, null or { IsEmpty: true }) => factory.CreateMultiPoint(),
            (ShapeType.MultiPoint, MultiPoint) => geometry,
            _ => throw Invalid(sample, index, $"geometry {geometry?.GeometryType} does not fit shape type {sample.ShapeType}"),
        };
    }

    private static void StampDbfDate(string dbfPath, DateOnly date)
    {
        // The library stamps DateTime.Now; overwrite it so the same sample gives the same bytes on any day.
        using var dbf = File.OpenWrite(dbfPath);
        dbf.Position = DbfLastUpdateOffset;
        dbf.Write([(byte)(date.Year - 1900), (byte)date.Month, (byte)date.Day]);
    }

    private static string WriteText(string path, string text)
    {
        // UTF-8 without BOM: Census .prj and .cpg files are bare ASCII with no line break.
        File.WriteAllText(path, text);
        return path;
    }

    private static ArgumentException Invalid(TigerLayerSample sample, int index, string problem) =>
        new($"{sample.BaseName} feature {index} {problem}.", nameof(sample));
}
