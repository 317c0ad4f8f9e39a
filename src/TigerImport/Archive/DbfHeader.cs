using System.Buffers.Binary;

namespace TigerImport.Archive;

/// <summary>
/// The .dbf header, read and checked before any record: the field names are identifiers (a flipped byte must not
/// become a new column), the field lengths add up to the record length, and the member holds every record the header
/// counts (a cut-short .dbf would otherwise repeat its last record onto later shapes) and no whole record after them
/// (a count lowered to match a cut .shp would otherwise drop records silently).
/// </summary>
internal sealed record DbfHeader(long RecordCount, byte LanguageDriverId, int HeaderLength, int RecordLength, IReadOnlyList<DbfFieldLayout> Fields, DateOnly? LastUpdate)
{
    private const int PrefixLength = 32;
    private const int DescriptorLength = 32;
    private const int NameLength = 11;
    private const byte DescriptorsEnd = 0x0D;

    public static DbfHeader Read(Stream dbf, long memberLength, string archiveName, string memberName)
    {
        TigerImportException Invalid(string problem) => new(FailureKind.Data, $"{archiveName}: member {memberName} {problem}.");

        // The header length is a 16-bit field, so the header is at most 64 KiB whatever the bytes say.
        Span<byte> prefix = stackalloc byte[PrefixLength];
        if (dbf.ReadAtLeast(prefix, PrefixLength, throwOnEndOfStream: false) < PrefixLength)
        {
            throw Invalid("is shorter than a dBASE header");
        }

        long recordCount = BinaryPrimitives.ReadUInt32LittleEndian(prefix[4..]);
        int headerLength = BinaryPrimitives.ReadUInt16LittleEndian(prefix[8..]);
        int recordLength = BinaryPrimitives.ReadUInt16LittleEndian(prefix[10..]);
        if (headerLength < PrefixLength + 1 || headerLength > memberLength)
        {
            throw Invalid($"has a header length of {headerLength} bytes; the member is {memberLength} bytes");
        }

        var descriptors = new byte[headerLength - PrefixLength];
        if (dbf.ReadAtLeast(descriptors, descriptors.Length, throwOnEndOfStream: false) < descriptors.Length)
        {
            throw Invalid("ends inside its header");
        }

        var fieldsLength = 1; // the deletion flag
        var fields = 0;
        var layouts = new List<DbfFieldLayout>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var at = 0;
        for (; at < descriptors.Length && descriptors[at] != DescriptorsEnd; at += DescriptorLength, fields++)
        {
            if (at + DescriptorLength > descriptors.Length)
            {
                throw Invalid("has a field list without its end marker");
            }

            var descriptor = descriptors.AsSpan(at, DescriptorLength);
            if (!IsIdentifier(descriptor[..NameLength]))
            {
                throw Invalid($"has a field name that is not an identifier ({Printable(descriptor[..NameLength])}, field {fields + 1})");
            }

            // Column names are case-insensitive identifiers: a repeated or zero-width field is no table layout.
            var name = System.Text.Encoding.ASCII.GetString(descriptor[..NameLength]).TrimEnd('\0');
            if (!names.Add(name))
            {
                throw Invalid($"has the field {name} twice (field {fields + 1})");
            }

            if (descriptor[16] == 0)
            {
                throw Invalid($"has a field of length 0 ({name}, field {fields + 1})");
            }

            layouts.Add(new DbfFieldLayout(name, (char)descriptor[11], fieldsLength, descriptor[16], descriptor[17]));
            fieldsLength += descriptor[16];
        }

        // A header length that stops inside the field list would hide the fields after it.
        if (at >= descriptors.Length)
        {
            throw Invalid($"has a field list without its end marker within its {headerLength}-byte header");
        }

        if (fields == 0)
        {
            throw Invalid("has no fields");
        }

        if (fieldsLength != recordLength)
        {
            throw Invalid($"says records are {recordLength} bytes, but its {fields} field(s) add up to {fieldsLength}");
        }

        var needed = headerLength + recordCount * recordLength;
        if (needed > memberLength)
        {
            throw Invalid($"is shorter than its header says: {recordCount} records of {recordLength} bytes after a {headerLength}-byte header need {needed} bytes; the member has {memberLength}");
        }

        // After the records only dBASE's end-of-file byte (0x1A) belongs; a whole record more is one the count leaves out.
        var after = memberLength - needed;
        return after < recordLength
            ? new DbfHeader(recordCount, prefix[29], headerLength, recordLength, layouts, LastUpdateOf(prefix))
            : throw Invalid($"holds {after / recordLength} record(s) after the {recordCount} its header counts ({after} bytes after the last; a count lowered to match a cut .shp?)");
    }

    /// <summary>
    /// The last-update date (bytes 1–3: years since 1900, month, day), or null when it is no date: zero or an
    /// impossible month or day is what a third party's tool wrote, no marker of the file's vintage.
    /// </summary>
    private static DateOnly? LastUpdateOf(ReadOnlySpan<byte> prefix) =>
        prefix[1] == 0 || prefix[2] is < 1 or > 12 || prefix[3] is < 1 or > 31
            ? null
            : new DateOnly(1900 + prefix[1], prefix[2], Math.Min(prefix[3], DateTime.DaysInMonth(1900 + prefix[1], prefix[2])));

    /// <summary>An ASCII identifier padded with NULs: a stray byte in the padding could also end up in the name.</summary>
    private static bool IsIdentifier(ReadOnlySpan<byte> name)
    {
        var end = name.IndexOf((byte)0);
        var text = end < 0 ? name : name[..end];
        if (end >= 0 && name[end..].ContainsAnyExcept((byte)0))
        {
            return false;
        }

        if (text.IsEmpty || !char.IsAsciiLetter((char)text[0]))
        {
            return false;
        }

        foreach (var b in text)
        {
            if (!char.IsAsciiLetterOrDigit((char)b) && b != (byte)'_')
            {
                return false;
            }
        }

        return true;
    }

    private static string Printable(ReadOnlySpan<byte> name) =>
        string.Concat(name.ToArray().Select(b => b is >= 0x20 and < 0x7F ? ((char)b).ToString() : $"\\x{b:X2}"));
}
