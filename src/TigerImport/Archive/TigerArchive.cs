using System.IO.Compression;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Esri;
using NetTopologySuite.IO.Esri.Shapefiles.Readers;
using TigerImport.Catalog;

namespace TigerImport.Archive;

/// <summary>
/// One Census zip, read in place: the .shp and .dbf are inflated as they are read (never copied out, so memory and
/// disk stay flat whatever the file size), the .prj and .cpg are small and read whole (up to a cap), and every member
/// read is checked against its CRC-32. Opening it checks the structure before any feature is loaded: the .shp, .shx
/// and .dbf headers agree with their members' lengths and with each other's record counts, the .shx tiles the .shp,
/// and the .dbf field names are identifiers. An attribute-only table's zip (a .dbf and .cpg, no .shp) gets the same
/// .dbf checks and is read through the same code.
/// </summary>
public sealed class TigerArchive : IDisposable
{
    /// <summary>A .prj or .cpg is a few hundred bytes; more is not one (a 3 GB .prj of spaces once took all memory).</summary>
    public const int MaxTextLength = 64 * 1024;

    /// <summary>The largest metadata member read (<see cref="ReadMetadata"/>).</summary>
    public const int MaxMetadataLength = 4 << 20;

    private readonly ZipArchive zip;
    private readonly string path;
    private readonly ZipArchiveEntry? shp;
    private readonly ZipArchiveEntry? shx;
    private readonly ZipArchiveEntry dbf;
    private readonly List<IVerifiableStream> opened = [];
    private ShapeRecordStream? records;
    private DbfRecordTap? dbfRecords;
    private readonly DbfHeader dbfHeader;

    private TigerArchive(ZipArchive zip, string path, string displayName, TigerLayer? layer, CancellationToken cancellationToken)
    {
        this.zip = zip;
        this.path = path;
        DisplayName = displayName;
        if (layer?.Geometry == LayerGeometry.None)
        {
            // An attribute-only table: the .dbf (and .cpg) alone, checked exactly as a shapefile's .dbf is.
            var geometryMembers = new[] { ".shp", ".shx", ".prj" }.Select(Member).OfType<ZipArchiveEntry>().Select(e => e.Name).ToList();
            if (geometryMembers.Count > 0)
            {
                throw Invalid($"holds {string.Join(", ", geometryMembers)}, but {layer.Key} is an attribute-only table: Census ships it as a .dbf (and .cpg) with no .shp, .shx or .prj (a geometry layer's zip saved under its name?)");
            }

            dbf = Member(".dbf") ?? throw Invalid($"has no .dbf member: the attribute-only table {layer.Key} is a .dbf (and .cpg)");
            CheckMemberNames(dbf, Member(".cpg"));
            CodePageText = ReadText(Member(".cpg"));
            dbfHeader = ReadDbfHeader();
            RecordCount = dbfHeader.RecordCount;
            ShapeType = ShapeType.NullShape;
            return;
        }

        var geometryLayer = layer is null ? "" : $" ({layer.Key} is a geometry layer; a .dbf alone is an attribute-only table)";
        shp = Member(".shp") ?? throw Invalid($"has no .shp member{geometryLayer}");
        shx = Member(".shx") ?? throw Invalid($"has no .shx member{geometryLayer}");
        dbf = Member(".dbf") ?? throw Invalid("has no .dbf member");
        CheckMemberNames(shp, shx, dbf, Member(".prj"), Member(".cpg"));
        ProjectionText = ReadText(Member(".prj"));
        CodePageText = ReadText(Member(".cpg"));
        using (var stream = new Crc32CheckingStream(shp, DisplayName))
        {
            ShapeType = ShapeHeader.Read(stream, shp.Length, DisplayName, shp.Name);
        }

        if (ShapeType is not (ShapeType.Polygon or ShapeType.PolyLine or ShapeType.Point or ShapeType.MultiPoint))
        {
            throw Invalid($"holds {ShapeType} shapes; TIGER/Line layers are Polygon, PolyLine or Point (MultiPoint)");
        }

        using (var stream = new Crc32CheckingStream(shx, DisplayName))
        {
            RecordCount = ShapeIndex.CountRecords(stream, shx.Length, shp.Length, DisplayName, shx.Name, cancellationToken);
            stream.ReadToEndAndVerify();
        }

        dbfHeader = ReadDbfHeader();
        if (dbfHeader.RecordCount != RecordCount)
        {
            throw Invalid($"has {RecordCount} shapes in {shp.Name} but {dbfHeader.RecordCount} records in {dbf.Name}");
        }
    }

    public string DisplayName { get; }

    /// <summary>False for an attribute-only table's zip: a .dbf with no .shp, .shx or .prj.</summary>
    public bool HasGeometry => shp is not null;

    /// <summary>The .prj's WKT, or null when the zip has none.</summary>
    public string? ProjectionText { get; }

    /// <summary>The .cpg's text, or null when the zip has none (Census ships one from 2015 on).</summary>
    public string? CodePageText { get; }

    /// <summary>The .dbf header's language driver byte (0 = not given).</summary>
    public byte LanguageDriverId { get; private set; }

    /// <summary>The .dbf header's last-update date, or null when it holds no date.</summary>
    public DateOnly? DbfLastUpdate => dbfHeader.LastUpdate;

    /// <summary>The number of records, the same in the .shp, .shx and .dbf.</summary>
    public long RecordCount { get; }

    /// <summary>The .shp header's shape type: Polygon or PolyLine; NullShape for an attribute-only table.</summary>
    public ShapeType ShapeType { get; }

    /// <summary>Opens a zip after checking it is one; a damaged file or an HTML page is a <see cref="FailureKind.Data"/> error.</summary>
    public static TigerArchive Open(string path, string displayName, CancellationToken cancellationToken) =>
        Open(path, displayName, null, cancellationToken);

    /// <summary>
    /// Opens a zip of <paramref name="layer"/>'s: a shapefile for a geometry layer, a .dbf alone for an attribute-only
    /// table (<see cref="LayerGeometry.None"/>); the other kind is a <see cref="FailureKind.Data"/> error naming the members.
    /// </summary>
    public static TigerArchive Open(string path, string displayName, TigerLayer? layer, CancellationToken cancellationToken)
    {
        ZipFileCheck.ThrowIfNotZip(path, displayName);
        var zip = ZipFile.OpenRead(path);
        try
        {
            return new TigerArchive(zip, path, displayName, layer, cancellationToken);
        }
        catch
        {
            zip.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A forward-only cursor over the features; the .dbf text is decoded with <paramref name="encoding"/>. A record the
    /// reader must not parse comes out as an empty shape, with its <see cref="DefectOf"/>.
    /// </summary>
    public ShapefileReader OpenShapefile(System.Text.Encoding encoding, GeometryFactory factory, CancellationToken cancellationToken)
    {
        var options = new ShapefileReaderOptions
        {
            Encoding = encoding,
            Factory = factory,

            // An unreadable shape becomes an empty or invalid geometry, which the geometry stage repairs or rejects
            // with its record number; Strict would abort the whole file on the first one.
            GeometryBuilderMode = GeometryBuilderMode.IgnoreInvalidShapes,
        };
        if (shp is null || shx is null)
        {
            throw new InvalidOperationException($"{DisplayName} is an attribute-only table: read it with {nameof(OpenRecords)}.");
        }

        try
        {
            // The .shp and .dbf inflate on threads of their own while the reader parses; the .shx is a few bytes a record.
            records = new ShapeRecordStream(ReadAhead(shp), Open(shx), shp.Length, ShapeType, DisplayName, shp.Name, cancellationToken);
            return Shapefile.OpenRead(new ForwardOnlyStream(records), new ForwardOnlyStream(OpenDbfRecords()), options);
        }
        catch (Exception e) when (e is not TigerImportException and not OperationCanceledException)
        {
            // A stop (or another --jobs lane's failure) is not damage to this file.
            throw Invalid($"cannot be read as a shapefile: {e.Message}", e);
        }
    }

    /// <summary>
    /// A forward-only cursor over the records, with or without geometry: the shapefile's (<see cref="OpenShapefile"/>),
    /// or an attribute-only table's .dbf, read through the same tap and checks.
    /// </summary>
    public TigerRecords OpenRecords(System.Text.Encoding encoding, GeometryFactory factory, CancellationToken cancellationToken)
    {
        if (HasGeometry)
        {
            return new TigerRecords(OpenShapefile(encoding, factory, cancellationToken));
        }

        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return new TigerRecords(new NetTopologySuite.IO.Esri.Dbf.DbfReader(new ForwardOnlyStream(OpenDbfRecords()), encoding));
        }
        catch (Exception e) when (e is not TigerImportException and not OperationCanceledException)
        {
            throw Invalid($"cannot be read as a dBASE table: {e.Message}", e);
        }
    }

    /// <summary>Why the record just read was not given to the reader, or null when it was.</summary>
    public ShapeDefect? DefectOf(int recordNumber) => records?.Defect is { } defect && defect.RecordNumber == recordNumber ? defect : null;

    /// <summary>The record's rings in file order when they must be told apart by nesting (<see cref="ShapeRings"/>), else null.</summary>
    public ShapeRings? RingsOf(int recordNumber) => records?.Rings is { } rings && rings.RecordNumber == recordNumber ? rings : null;

    /// <summary>
    /// What is wrong with the raw values of the record just read (<see cref="DbfRecordCheck"/>: a logical of garbage,
    /// a numeric overflow marker, NaN), or null when nothing is. Call on the reader's thread, right after each read.
    /// </summary>
    public string? DbfProblemOf(int recordNumber) =>
        dbfRecords?.Record(recordNumber) is { } record ? DbfRecordCheck.ProblemOf(record, dbfHeader.Fields) : null;

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

    /// <summary>The problem ends the message with one period, also when it ends with a wrapped message's own.</summary>
    internal TigerImportException Invalid(string problem, Exception? inner = null) =>
        new(FailureKind.Data, $"{DisplayName} {problem.TrimEnd().TrimEnd('.')}.", inner);

    /// <summary>
    /// A member named as a Census file (<c>tl_…</c> or <c>cb_…</c>, <see cref="TigerFileName"/>) must be named as the
    /// zip is: another county's, layer's or vintage's member re-zipped under this name would publish the wrong data
    /// under the right one. Members of other names (<c>data.shp</c>: a third party's re-zip) are accepted, and so is
    /// any member when the zip's own name is not a Census file name.
    /// </summary>
    private void CheckMemberNames(params ZipArchiveEntry?[] members)
    {
        if (!TigerFileName.TryParse(DisplayName, out var own))
        {
            return;
        }

        foreach (var member in members.OfType<ZipArchiveEntry>())
        {
            if (!TigerFileName.TryParse(Path.GetFileNameWithoutExtension(member.Name) + ".zip", out var named))
            {
                continue;
            }

            var differs = new[]
            {
                named.Year != own.Year ? $"vintage {named.Year}, not {own.Year}" : null,
                named.ScopeCode != own.ScopeCode ? $"scope {named.ScopeCode}, not {own.ScopeCode}" : null,
                named.Layer != own.Layer || named.NameToken != own.NameToken ? $"layer token {named.NameToken}, not {own.NameToken}" : null,
            }.OfType<string>().ToList();
            if (differs.Count > 0)
            {
                throw Invalid(
                    $"holds {member.FullName}, a member named as {named.FileName} ({string.Join(", ", differs)}): its members must be named as the zip is, " +
                    "or the zip holds another file's data under this one's name (re-zipped under the wrong name?)");
            }
        }
    }

    /// <summary>The .dbf, read ahead, with its last records' raw bytes kept for <see cref="DbfProblemOf"/>.</summary>
    private DbfRecordTap OpenDbfRecords() => dbfRecords = new DbfRecordTap(ReadAhead(dbf), dbfHeader);

    /// <summary>The .dbf header, checked (<see cref="DbfHeader"/>) before any record is read.</summary>
    private DbfHeader ReadDbfHeader()
    {
        using var stream = new Crc32CheckingStream(dbf, DisplayName);
        var header = DbfHeader.Read(stream, dbf.Length, DisplayName, dbf.Name);
        LanguageDriverId = header.LanguageDriverId;
        return header;
    }

    private Crc32CheckingStream Open(ZipArchiveEntry entry)
    {
        var stream = new Crc32CheckingStream(entry, DisplayName);
        opened.Add(stream);
        return stream;
    }

    /// <summary>The member read ahead on its own thread, through a zip of its own (the same file, opened again).</summary>
    private ReadAheadStream ReadAhead(ZipArchiveEntry entry)
    {
        var own = ZipFile.OpenRead(path);
        try
        {
            var stream = new ReadAheadStream(new Crc32CheckingStream(own.Entries[zip.Entries.IndexOf(entry)], DisplayName), own);
            opened.Add(stream);
            return stream;
        }
        catch
        {
            own.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The member with this extension; metadata such as <c>.shp.xml</c> and <c>.shp.iso.xml</c> does not count, nor
    /// macOS's (<see cref="MacMetadata"/>). The shapefile's members lie in one folder (the root, or one folder of a
    /// re-packed zip): a part elsewhere is another shapefile's, and the zip is ambiguous.
    /// </summary>
    private ZipArchiveEntry? Member(string extension)
    {
        var matches = zip.Entries.Where(e => !MacMetadata.Is(e) && e.Name.EndsWith(extension, StringComparison.OrdinalIgnoreCase)).ToList();
        if (matches.Count > 1)
        {
            throw Invalid($"has {matches.Count} {extension} members ({string.Join(", ", matches.Select(e => e.FullName))}); expected one shapefile per zip");
        }

        if (matches.SingleOrDefault() is { } member && shp is not null && FolderOf(member) != FolderOf(shp))
        {
            throw Invalid($"holds {member.FullName} in another folder than {shp.FullName}; a shapefile's members lie in one folder");
        }

        return matches.SingleOrDefault();
    }

    /// <summary>
    /// The metadata Census ships beside the shapefile (the FGDC <c>.shp.xml</c>, the ISO <c>.shp.iso.xml</c>), read
    /// from this open zip and CRC-checked like every member read. A member over <see cref="MaxMetadataLength"/> is
    /// skipped: real Census metadata is 20–90 KB, so a larger one is not Census's and names nothing.
    /// </summary>
    public IReadOnlyList<(string Name, byte[] Bytes)> ReadMetadata() =>
        zip.Entries
            .Where(e => !MacMetadata.Is(e) && e.Length <= MaxMetadataLength && (e.Name.EndsWith(".shp.xml", StringComparison.OrdinalIgnoreCase) || e.Name.EndsWith(".shp.iso.xml", StringComparison.OrdinalIgnoreCase)))
            .Select(e => (e.Name, Bytes: ReadBounded(e, MaxMetadataLength)))
            .Where(m => m.Bytes is not null)
            .Select(m => (m.Name, m.Bytes!))
            .ToList();

    /// <summary>How many macOS metadata members (<c>__MACOSX/</c>, <c>._*</c>, <c>.DS_Store</c>) the zip holds: ignored.</summary>
    public int IgnoredMacMembers => zip.Entries.Count(MacMetadata.Is);

    private static string FolderOf(ZipArchiveEntry entry) => entry.FullName[..^entry.Name.Length];

    private string? ReadText(ZipArchiveEntry? entry)
    {
        if (entry is null)
        {
            return null;
        }

        // The directory's size first, then the bytes themselves: a directory can understate what inflates.
        var tooLong = Invalid($"member {entry.Name} is over {MaxTextLength} bytes ({entry.Length} in the zip directory); a .prj or .cpg is a few hundred");
        if (entry.Length > MaxTextLength)
        {
            throw tooLong;
        }

        var bytes = ReadBounded(entry, MaxTextLength) ?? throw tooLong;
        return System.Text.Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF').Trim();
    }

    /// <summary>
    /// The member's bytes, CRC-checked, or null when it inflates to more than <paramref name="max"/> (the directory's
    /// size can understate what inflates, so the bytes themselves are counted).
    /// </summary>
    private byte[]? ReadBounded(ZipArchiveEntry entry, int max)
    {
        using var stream = new Crc32CheckingStream(entry, DisplayName);
        using var bytes = new MemoryStream((int)Math.Min(entry.Length, max));
        var chunk = new byte[8192];
        for (int read; (read = stream.Read(chunk)) > 0;)
        {
            if (bytes.Length + read > max)
            {
                return null;
            }

            bytes.Write(chunk, 0, read);
        }

        stream.ReadToEndAndVerify();
        return bytes.ToArray();
    }
}
