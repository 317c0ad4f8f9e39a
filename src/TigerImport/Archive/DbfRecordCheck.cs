using System.Globalization;
using System.Text;

namespace TigerImport.Archive;

/// <summary>
/// A .dbf record's fields checked as dBASE wrote them: a logical is T, F, Y, N, ? or blank; a numeric (N or F) is
/// blank or a finite number (not dBASE's <c>*****</c> overflow marker, not NaN or infinity); a date is blank or a real
/// yyyyMMdd date. A record that fails is rejected (counted, with its reason), never loaded with a guessed value.
/// </summary>
internal static class DbfRecordCheck
{
    private const string Logicals = "TtFfYyNn? ";

    /// <summary>What is wrong with the record's values, or null when nothing is.</summary>
    public static string? ProblemOf(ReadOnlySpan<byte> record, IReadOnlyList<DbfFieldLayout> fields)
    {
        foreach (var field in fields)
        {
            if (field.Offset + field.Length > record.Length)
            {
                return null; // DbfHeader checked the layout; a record this short cannot come from it
            }

            var raw = record.Slice(field.Offset, field.Length);
            var problem = field.Type switch
            {
                'L' => Logicals.Contains((char)raw[0], StringComparison.Ordinal) && IsBlank(raw[1..]) ? null : "not a dBASE logical (T, F, Y, N, ? or blank)",
                'N' or 'F' => NumberProblem(raw, field),
                'D' => DateProblem(raw),
                _ => null,
            };
            if (problem is not null)
            {
                return $"field {field.Name} ({field.Type}({field.Length}{(field.Type is 'N' or 'F' ? $",{field.Decimals}" : "")})) holds '{Printable(raw)}': {problem}";
            }
        }

        return null;
    }

    /// <summary>
    /// The record as the reader may parse it: a copy with each N or F field <see cref="ProblemOf"/> refuses blanked (the
    /// record itself is the same array when none is), except a value of a field with decimals the reader parses (NaN,
    /// infinity), kept for the reject's attributes. The record is rejected by <see cref="ProblemOf"/> all the same.
    /// </summary>
    public static byte[] BlankRefusedNumbers(byte[] record, IReadOnlyList<DbfFieldLayout> fields)
    {
        var copy = record;
        foreach (var field in fields)
        {
            if (field.Type is 'N' or 'F' && field.Offset + field.Length <= record.Length
                && NumberProblem(record.AsSpan(field.Offset, field.Length), field) is not null && !ReaderParses(record.AsSpan(field.Offset, field.Length), field))
            {
                copy = copy == record ? (byte[])record.Clone() : copy;
                copy.AsSpan(field.Offset, field.Length).Fill((byte)' ');
            }
        }

        return copy;
    }

    /// <summary>A field of decimals the reader parses as a double: its NaN or infinity is kept among the reject's attributes.</summary>
    private static bool ReaderParses(ReadOnlySpan<byte> raw, DbfFieldLayout field) =>
        field.Decimals > 0 && double.TryParse(Encoding.Latin1.GetString(raw).Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    private static string? NumberProblem(ReadOnlySpan<byte> raw, DbfFieldLayout field)
    {
        var text = Encoding.Latin1.GetString(raw).Trim();
        if (text.Length == 0)
        {
            return null;
        }

        if (text.All(c => c == '*'))
        {
            return $"dBASE's numeric overflow marker (the value did not fit {field.Length} characters)";
        }

        if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return "not a finite number";
        }

        if (field.Decimals == 0 && value != decimal.Truncate(value))
        {
            return "a fraction in a field of no decimals";
        }

        // The reader parses a field of no decimals as an integer: digits with an optional sign, nothing else (1e5, 5.0).
        return field.Decimals == 0 && !IsPlainInteger(text) ? "not a plain integer (digits with an optional sign) in a field of no decimals" : null;
    }

    private static bool IsPlainInteger(string text)
    {
        var digits = text[0] is '+' or '-' ? text[1..] : text;
        return digits.Length > 0 && digits.All(char.IsAsciiDigit);
    }

    private static string? DateProblem(ReadOnlySpan<byte> raw)
    {
        var text = Encoding.Latin1.GetString(raw).Trim();
        return text.Length == 0 || text.All(c => c == '0')
            || DateTime.TryParseExact(text, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            ? null
            : "not a yyyyMMdd date";
    }

    private static bool IsBlank(ReadOnlySpan<byte> raw) => !raw.ContainsAnyExcept((byte)' ');

    private static string Printable(ReadOnlySpan<byte> raw) =>
        string.Concat(raw.ToArray().Select(b => b is >= 0x20 and < 0x7F ? ((char)b).ToString() : $"\\x{b:X2}")).Trim();
}
