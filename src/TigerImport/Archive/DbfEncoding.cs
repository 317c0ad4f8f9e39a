using System.Text;

namespace TigerImport.Archive;

/// <summary>The encoding a .dbf's text is decoded with, and where that choice came from.</summary>
public sealed class DbfEncoding
{
    /// <summary>What a byte sequence that does not decode becomes: counted by <see cref="CountUndecodable"/>.</summary>
    public const char Replacement = '\uFFFD';

    /// <summary>The DBF code pages (1252, 437, 850…) are not built into .NET; register them once.</summary>
    static DbfEncoding() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private DbfEncoding(Encoding baseEncoding, string origin)
    {
        Encoding = Encoding.GetEncoding(baseEncoding.CodePage, EncoderFallback.ReplacementFallback, new DecoderReplacementFallback(Replacement.ToString()));
        Origin = origin;
    }

    /// <summary>Decodes like the named encoding; what it cannot decode becomes U+FFFD, never a look-alike character.</summary>
    public Encoding Encoding { get; }

    /// <summary>Why this encoding: ".cpg", "dbf language driver" or "vintage".</summary>
    public string Origin { get; }

    public string Name => Encoding.WebName;

    /// <summary>
    /// How many undecodable sequences a decoded value holds. Counted in the text rather than in a decoder fallback,
    /// which .NET calls twice per string (once to size it, once to fill it).
    /// </summary>
    public static int CountUndecodable(string text) => text.AsSpan().Count(Replacement);

    /// <summary>
    /// Why a decoded value shows the .cpg to be wrong about the bytes, or null: bytes that are not UTF-8 under a UTF-8
    /// .cpg (decoded, they would be U+FFFD), or text that is valid UTF-8 under a single-byte .cpg (decoded, it would be
    /// mojibake: "PeÃ±asco" for "Peñasco"). A .cpg's claim and, when there is no .cpg, the vintage's (Latin-1 through
    /// 2014, UTF-8 from 2015) are held to this; a .dbf language driver's is only counted (<see cref="CountUndecodable"/>).
    /// </summary>
    public string? ContentProblem(string text)
    {
        if (Claim is not { } claim)
        {
            return null;
        }

        if (Encoding.CodePage == Encoding.UTF8.CodePage)
        {
            return text.Contains(Replacement, StringComparison.Ordinal)
                ? $"holds bytes that are not UTF-8 ('{text}'), but {claim} UTF-8"
                : null;
        }

        if (!Encoding.IsSingleByte || !text.Any(c => c > '\x7F'))
        {
            return null;
        }

        var bytes = Encoding.GetBytes(text);
        return System.Text.Unicode.Utf8.IsValid(bytes)
            ? $"holds text that is valid UTF-8 ('{Encoding.UTF8.GetString(bytes)}'), but {claim} {Name} (read as '{text}')"
            : null;
    }

    /// <summary>Who claims this encoding, in a sentence ("its .cpg says"), or null when nothing is held to it.</summary>
    private string? Claim => Origin switch
    {
        ".cpg" => "its .cpg says",
        "vintage" => "it has no .cpg and its vintage implies",
        _ => null,
    };

    /// <summary>What a <see cref="ContentProblem"/> shows to disagree with the bytes: named in the error.</summary>
    public string Claimant => Origin == ".cpg" ? "the .cpg" : $"the {Origin}'s encoding";

    /// <summary>UTF-8 from 2015 on, Latin-1 before: Census's practice when a file says nothing (TIGER-FACTS).</summary>
    public static Encoding ForVintage(int year) => year >= 2015 ? Encoding.UTF8 : Encoding.Latin1;

    /// <summary>The .cpg first, then the .dbf's language driver byte, then the vintage.</summary>
    /// <param name="codePageText">The .cpg's text, or null when the zip has none.</param>
    /// <param name="languageDriverId">Byte 29 of the .dbf header; 0 means "not given".</param>
    /// <param name="fileName">The zip, named in the error when the .cpg is no encoding a .dbf can be read with.</param>
    public static DbfEncoding Resolve(string? codePageText, byte languageDriverId, int year, string fileName)
    {
        if (!string.IsNullOrWhiteSpace(codePageText))
        {
            return new(FromCodePageText(codePageText, fileName), ".cpg");
        }

        if (LanguageDriverCodePages.TryGetValue(languageDriverId, out var codePage))
        {
            return new(Encoding.GetEncoding(codePage), "dbf language driver");
        }

        return new(ForVintage(year), "vintage");
    }

    /// <summary>dBASE language driver ids (header byte 29) and their code pages: the ones GDAL and Esri write.</summary>
    private static readonly Dictionary<byte, int> LanguageDriverCodePages = new()
    {
        [0x01] = 437,
        [0x02] = 850,
        [0x03] = 1252,
        [0x57] = 1252,
        [0x58] = 1252,
        [0x59] = 1252,
        [0x64] = 852,
        [0x65] = 866,
        [0x26] = 866,
        [0x13] = 932,
        [0x4D] = 936,
        [0x4E] = 949,
        [0x4F] = 950,
        [0x50] = 874,
        [0x7D] = 1255,
        [0x7E] = 1256,
        [0xC8] = 1250,
        [0xC9] = 1251,
        [0xCA] = 1254,
        [0xCB] = 1253,
    };

    /// <summary>Reads what a .cpg says: "UTF-8", "65001", "ISO-8859-1", "88591", "ANSI 1252", "1252"…</summary>
    internal static Encoding FromCodePageText(string codePageText, string fileName)
    {
        var text = codePageText.Trim().ToUpperInvariant();
        var digits = new string(text.Where(char.IsAsciiDigit).ToArray());
        Encoding encoding;
        try
        {
            encoding = text switch
            {
                "UTF-8" or "UTF8" or "65001" => Encoding.UTF8,
                _ when text.StartsWith("ISO", StringComparison.Ordinal) && digits.StartsWith("8859", StringComparison.Ordinal) && digits.Length > 4 =>
                    Encoding.GetEncoding($"iso-8859-{digits[4..]}"),
                _ when digits.StartsWith("8859", StringComparison.Ordinal) && digits.Length > 4 => Encoding.GetEncoding($"iso-8859-{digits[4..]}"),
                _ when digits.Length > 0 && int.TryParse(digits, out var codePage) => Encoding.GetEncoding(codePage),
                _ => Encoding.GetEncoding(text),
            };
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            throw new TigerImportException(FailureKind.Data, $"{fileName}: its .cpg names an encoding this importer does not know: '{codePageText.Trim()}'.", e);
        }

        // dBASE's structure (field names, numbers, padding) is ASCII: an encoding that reads ASCII otherwise (EBCDIC's
        // IBM037, UTF-7) would turn every name and value into other text.
        return encoding.GetString("AZaz09_ -."u8) == "AZaz09_ -."
            ? encoding
            : throw new TigerImportException(FailureKind.Data, $"{fileName}: its .cpg names {encoding.WebName}, which does not read ASCII as ASCII: no .dbf is written in it.");
    }

}
