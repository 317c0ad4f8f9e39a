using System.Globalization;
using NpgsqlTypes;

namespace TigerImport.Load;

/// <summary>Converts a DBF value to what a column of the table's actual type takes in binary COPY.</summary>
public static class ColumnValue
{
    public static NpgsqlDbType DbTypeOf(string pgType) => pgType switch
    {
        "text" or "character varying" => NpgsqlDbType.Text,
        "integer" => NpgsqlDbType.Integer,
        "bigint" => NpgsqlDbType.Bigint,
        "smallint" => NpgsqlDbType.Smallint,
        "double precision" => NpgsqlDbType.Double,
        "date" => NpgsqlDbType.Date,
        "boolean" => NpgsqlDbType.Boolean,
        _ when pgType.StartsWith("numeric", StringComparison.Ordinal) => NpgsqlDbType.Numeric,
        _ => throw new NotSupportedException($"Column type {pgType} is not one the importer writes."),
    };

    /// <summary>
    /// The value for the column, or null. A blank character field is NULL (dBASE has no NULL; blank is how it says
    /// "no value", and ogr2ogr reads it the same way). A numeric code becomes zero-padded text to its DBF width.
    /// </summary>
    public static object? Convert(object? value, NpgsqlDbType type, int width) => value switch
    {
        null => null,
        string s when string.IsNullOrWhiteSpace(s) => null,
        string s when type == NpgsqlDbType.Text => s,
        string s => ParseText(s, type),
        _ when type == NpgsqlDbType.Text => value switch
        {
            int or long or decimal => ((IFormattable)value).ToString(null, CultureInfo.InvariantCulture).PadLeft(width, '0'),
            DateTime date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        },
        DateTime date when type == NpgsqlDbType.Date => DateOnly.FromDateTime(date),
        _ => ToNumber(value, type),
    };

    private static object ParseText(string text, NpgsqlDbType type) =>
        ToNumber(decimal.Parse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture), type);

    private static object ToNumber(object value, NpgsqlDbType type) => type switch
    {
        NpgsqlDbType.Integer => System.Convert.ToInt32(value, CultureInfo.InvariantCulture),
        NpgsqlDbType.Bigint => System.Convert.ToInt64(value, CultureInfo.InvariantCulture),
        NpgsqlDbType.Smallint => System.Convert.ToInt16(value, CultureInfo.InvariantCulture),
        NpgsqlDbType.Double => System.Convert.ToDouble(value, CultureInfo.InvariantCulture),
        NpgsqlDbType.Numeric => System.Convert.ToDecimal(value, CultureInfo.InvariantCulture),
        NpgsqlDbType.Boolean => System.Convert.ToBoolean(value, CultureInfo.InvariantCulture),
        _ => throw new NotSupportedException($"Cannot write {value.GetType().Name} to {type}."),
    };
}
