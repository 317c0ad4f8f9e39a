using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using NpgsqlTypes;

namespace TigerImport.Load;

/// <summary>
/// One row of PostgreSQL's binary COPY format, encoded whole (field count, then each field's length and its binary
/// send format) so the rows of a file are encoded on every core and the COPY connection only moves bytes. Npgsql's
/// importer resolves and writes value by value on the one connection's thread, which was the slowest stage for
/// EDGES' twenty-odd columns.
/// </summary>
public static class TupleEncoder
{
    /// <summary>The binary COPY header: signature, flags, header extension length.</summary>
    public static ReadOnlyMemory<byte> Header { get; } = new byte[] { (byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xff, (byte)'\r', (byte)'\n', 0, 0, 0, 0, 0, 0, 0, 0, 0 };

    /// <summary>The end-of-data marker: a field count of -1.</summary>
    public static ReadOnlyMemory<byte> Trailer { get; } = new byte[] { 0xff, 0xff };

    /// <summary>2000-01-01, day 0 of PostgreSQL's date.</summary>
    private static readonly int PostgresEpoch = new DateOnly(2000, 1, 1).DayNumber;

    /// <summary>
    /// A row of <paramref name="values"/> (already converted to their columns' types; null is NULL) followed by the
    /// <paramref name="tail"/> fields, already in their binary form.
    /// </summary>
    public static byte[] Encode(ReadOnlySpan<(object? Value, NpgsqlDbType Type)> values, params ReadOnlySpan<byte[]> tail)
    {
        var length = 2;
        foreach (var (value, type) in values)
        {
            length += 4 + (value is null ? 0 : Size(value, type));
        }

        foreach (var field in tail)
        {
            length += 4 + field.Length;
        }

        var row = new byte[length];
        BinaryPrimitives.WriteInt16BigEndian(row, checked((short)(values.Length + tail.Length)));
        var at = 2;
        foreach (var (value, type) in values)
        {
            var field = row.AsSpan(at + 4);
            var size = value is null ? -1 : Write(field, value, type);
            BinaryPrimitives.WriteInt32BigEndian(row.AsSpan(at), size);
            at += 4 + Math.Max(size, 0);
        }

        foreach (var field in tail)
        {
            BinaryPrimitives.WriteInt32BigEndian(row.AsSpan(at), field.Length);
            field.CopyTo(row.AsSpan(at + 4));
            at += 4 + field.Length;
        }

        Debug.Assert(at == row.Length, "every byte of the row is written");
        return row;
    }

    /// <summary>A text field's bytes (UTF-8, the client encoding Npgsql sets).</summary>
    public static byte[] Text(string text) => Encoding.UTF8.GetBytes(text);

    private static int Size(object value, NpgsqlDbType type) => (type, value) switch
    {
        (NpgsqlDbType.Text, string text) => Encoding.UTF8.GetByteCount(text),
        (NpgsqlDbType.Smallint, short) => 2,
        (NpgsqlDbType.Integer, int) or (NpgsqlDbType.Date, DateOnly) => 4,
        (NpgsqlDbType.Bigint, long) or (NpgsqlDbType.Double, double) => 8,
        (NpgsqlDbType.Numeric, decimal number) => Numeric(number).Length,
        (NpgsqlDbType.Boolean, bool) => 1,
        _ => throw new UnreachableException($"{value.GetType().Name} for a {type} column: ColumnValue converts every value to its column's type"),
    };

    private static int Write(Span<byte> field, object value, NpgsqlDbType type)
    {
        switch (value)
        {
            case string text:
                return Encoding.UTF8.GetBytes(text, field);
            case short number:
                BinaryPrimitives.WriteInt16BigEndian(field, number);
                return 2;
            case int number:
                BinaryPrimitives.WriteInt32BigEndian(field, number);
                return 4;
            case long number:
                BinaryPrimitives.WriteInt64BigEndian(field, number);
                return 8;
            case double number:
                BinaryPrimitives.WriteDoubleBigEndian(field, number);
                return 8;
            case decimal number:
                var digits = Numeric(number);
                digits.CopyTo(field);
                return digits.Length;
            case DateOnly date:
                BinaryPrimitives.WriteInt32BigEndian(field, date.DayNumber - PostgresEpoch);
                return 4;
            case bool flag:
                field[0] = flag ? (byte)1 : (byte)0;
                return 1;
            default:
                throw new UnreachableException($"{value.GetType().Name} for a {type} column");
        }
    }

    /// <summary>
    /// numeric_send: digit count, weight (of the first base-10000 digit), sign, display scale, then the base-10000
    /// digits with leading and trailing zero digits left out.
    /// </summary>
    private static byte[] Numeric(decimal number)
    {
        var text = Math.Abs(number).ToString(CultureInfo.InvariantCulture);
        var point = text.IndexOf('.', StringComparison.Ordinal);
        var whole = point < 0 ? text : text[..point];
        var fraction = point < 0 ? "" : text[(point + 1)..];
        var scale = fraction.Length;
        whole = whole.TrimStart('0');
        whole = whole.PadLeft((whole.Length + 3) / 4 * 4, '0');
        fraction = fraction.PadRight((fraction.Length + 3) / 4 * 4, '0');
        var digits = (whole + fraction).Chunk(4).Select(d => short.Parse(d, CultureInfo.InvariantCulture)).ToList();
        var weight = (whole.Length / 4) - 1;
        while (digits.Count > 0 && digits[0] == 0)
        {
            digits.RemoveAt(0);
            weight--;
        }

        while (digits.Count > 0 && digits[^1] == 0)
        {
            digits.RemoveAt(digits.Count - 1);
        }

        var bytes = new byte[8 + (2 * digits.Count)];
        BinaryPrimitives.WriteInt16BigEndian(bytes, (short)digits.Count);
        BinaryPrimitives.WriteInt16BigEndian(bytes.AsSpan(2), (short)(digits.Count == 0 ? 0 : weight));
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(4), number < 0 && digits.Count > 0 ? (ushort)0x4000 : (ushort)0);
        BinaryPrimitives.WriteInt16BigEndian(bytes.AsSpan(6), (short)scale);
        for (var i = 0; i < digits.Count; i++)
        {
            BinaryPrimitives.WriteInt16BigEndian(bytes.AsSpan(8 + (2 * i)), digits[i]);
        }

        return bytes;
    }
}
