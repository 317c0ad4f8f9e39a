using System.IO.Compression;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Esri;
using NetTopologySuite.IO.Esri.Shapefiles.Readers;

namespace TigerImport.Archive;

/// <summary>
/// One Census zip, read in place: the .shp and .dbf are inflated as they are read (never copied out, so memory and
/// disk stay flat whatever the file size), the .prj and .cpg are small and read whole, and every member read is
/// checked against its CRC-32.
/// </summary>
public sealed class TigerArchive : IDisposable
{
    private readonly ZipArchive zip;
    private readonly ZipArchiveEntry shp;
    private readonly ZipArchiveEntry dbf;
    private readonly List<Crc32CheckingStream> opened = [];

    private TigerArchive(ZipArchive zip, string displayName)
    {
        this.zip = zip;
        DisplayName = displayName;
        shp = Member(".shp") ?? throw Invalid("has no .shp member");
        dbf = Member(".dbf") ?? throw Invalid("has no .dbf member");
        ProjectionText = ReadText(Member(".prj"));
        CodePageText = ReadText(Member(".cpg"));
        LanguageDriverId = ReadLanguageDriverId();
    }

    public string DisplayName { get; }

    /// <summary>The .prj's WKT, or null when the zip has none.</summary>
    public string? ProjectionText { get; }

    /// <summary>The .cpg's text, or null when the zip has none (Census ships one from 2015 on).</summary>
    public string? CodePageText { get; }

    /// <summary>The .dbf header's language driver byte (0 = not given).</summary>
    public byte LanguageDriverId { get; }

    /// <summary>Opens a zip after checking it is one; a damaged file or an HTML page is a <see cref="FailureKind.Data"/> error.</summary>
    public static TigerArchive Open(string path, string displayName)
    {
        ZipFileCheck.ThrowIfNotZip(path, displayName);
        var zip = ZipFile.OpenRead(path);
        try
        {
            return new TigerArchive(zip, displayName);
        }
        catch
        {
            zip.Dispose();
            throw;
        }
    }

    /// <summary>A forward-only cursor over the features; the .dbf text is decoded with <paramref name="encoding"/>.</summary>
    public ShapefileReader OpenShapefile(System.Text.Encoding encoding, GeometryFactory factory)
    {
        var options = new ShapefileReaderOptions
        {
            Encoding = encoding,
            Factory = factory,

            // An unreadable shape becomes an empty or invalid geometry, which the geometry stage repairs or rejects
            // with its record number; Strict would abort the whole file on the first one.
            GeometryBuilderMode = GeometryBuilderMode.IgnoreInvalidShapes,
        };
        try
        {
            return Shapefile.OpenRead(new ForwardOnlyStream(Open(shp)), new ForwardOnlyStream(Open(dbf)), options);
        }
        catch (Exception e) when (e is not TigerImportException)
        {
            throw Invalid($"cannot be read as a shapefile: {e.Message}", e);
        }
    }

    /// <summary>Reads what the reader left of each opened member and checks every CRC; call after the last feature.</summary>
    public void VerifyChecksums()
    {
        foreach (var stream in opened)
        {
            stream.ReadToEndAndVerify();
        }
    }

    public void Dispose()
    {
        foreach (var stream in opened)
        {
            stream.Dispose();
        }

        zip.Dispose();
    }

    internal TigerImportException Invalid(string problem, Exception? inner = null) =>
        new(FailureKind.Data, $"{DisplayName} {problem}.", inner);

    private Crc32CheckingStream Open(ZipArchiveEntry entry)
    {
        var stream = new Crc32CheckingStream(entry, DisplayName);
        opened.Add(stream);
        return stream;
    }

    /// <summary>The member with this extension; metadata such as <c>.shp.xml</c> and <c>.shp.iso.xml</c> does not count.</summary>
    private ZipArchiveEntry? Member(string extension)
    {
        var matches = zip.Entries.Where(e => e.Name.EndsWith(extension, StringComparison.OrdinalIgnoreCase)).ToList();
        return matches.Count > 1 ? throw Invalid($"has {matches.Count} {extension} members; expected one shapefile per zip") : matches.SingleOrDefault();
    }

    private string? ReadText(ZipArchiveEntry? entry)
    {
        if (entry is null)
        {
            return null;
        }

        using var stream = new Crc32CheckingStream(entry, DisplayName);
        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8);
        var text = reader.ReadToEnd();
        stream.ReadToEndAndVerify();
        return text.Trim();
    }

    private byte ReadLanguageDriverId()
    {
        Span<byte> header = stackalloc byte[32];
        using var stream = new Crc32CheckingStream(dbf, DisplayName);
        return stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) == header.Length
            ? header[29]
            : throw Invalid(".dbf is shorter than a dBASE header");
    }
}
