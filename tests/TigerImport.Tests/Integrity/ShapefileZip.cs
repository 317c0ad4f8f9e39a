using System.Buffers.Binary;
using System.IO.Compression;

namespace TigerImport.Tests.Integrity;

/// <summary>
/// A Census-style zip held as its members' bytes, to damage in a test and write back as a valid zip (fresh CRC-32s),
/// so what is tested is the importer's own checks, not the zip's. Offsets follow the shapefile and dBASE layouts.
/// </summary>
internal sealed class ShapefileZip
{
    private readonly List<(string Name, byte[] Bytes)> members;

    private ShapefileZip(List<(string Name, byte[] Bytes)> members) => this.members = members;

    public int RecordCount => (Member(".shx").Length - 100) / 8;

    public int DbfHeaderLength => BinaryPrimitives.ReadUInt16LittleEndian(Member(".dbf").AsSpan(8));

    public int DbfRecordLength => BinaryPrimitives.ReadUInt16LittleEndian(Member(".dbf").AsSpan(10));

    public static ShapefileZip Read(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        return new(zip.Entries.Select(e =>
        {
            using var stream = e.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return (e.FullName, copy.ToArray());
        }).ToList());
    }

    /// <summary>The member with this extension (.shp, .shx, .dbf, .prj, .cpg).</summary>
    public byte[] Member(string extension) => members.Single(m => m.Name.EndsWith(extension, StringComparison.Ordinal)).Bytes;

    public void Replace(string extension, byte[] bytes)
    {
        var index = members.FindIndex(m => m.Name.EndsWith(extension, StringComparison.Ordinal));
        members[index] = (members[index].Name, bytes);
    }

    /// <summary>Drops the member with this extension (a zip without its .cpg, say).</summary>
    public void Remove(string extension) => members.RemoveAll(m => m.Name.EndsWith(extension, StringComparison.Ordinal));

    /// <summary>Where record <paramref name="record"/>'s content (after its 8-byte header) starts in the .shp, from the .shx.</summary>
    public int ContentOffset(int record) => 2 * BinaryPrimitives.ReadInt32BigEndian(Member(".shx").AsSpan(100 + 8 * (record - 1))) + 8;

    public int PointCount(int record) => BinaryPrimitives.ReadInt32LittleEndian(Member(".shp").AsSpan(ContentOffset(record) + 40));

    /// <summary>Sets every point of a Polygon/PolyLine record to (x, y): rings stay closed, so only the values are wrong.</summary>
    public void SetAllPoints(int record, double x, double y)
    {
        var shp = Member(".shp").AsSpan();
        var content = ContentOffset(record);
        var parts = BinaryPrimitives.ReadInt32LittleEndian(shp[(content + 36)..]);
        var points = content + 44 + 4 * parts;
        for (var i = 0; i < PointCount(record); i++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(shp[(points + 16 * i)..], x);
            BinaryPrimitives.WriteDoubleLittleEndian(shp[(points + 16 * i + 8)..], y);
        }
    }

    public void SetShapeType(int record, int shapeType) =>
        BinaryPrimitives.WriteInt32LittleEndian(Member(".shp").AsSpan(ContentOffset(record)), shapeType);

    public void SetPartCount(int record, int parts) =>
        BinaryPrimitives.WriteInt32LittleEndian(Member(".shp").AsSpan(ContentOffset(record) + 36), parts);

    /// <summary>The .dbf header's record count.</summary>
    public void SetDbfRecordCount(int count) => BinaryPrimitives.WriteUInt32LittleEndian(Member(".dbf").AsSpan(4), (uint)count);

    /// <summary>Removes a field from the .dbf (its descriptor and its bytes in every record), leaving a consistent file without it.</summary>
    public void RemoveDbfField(string name)
    {
        var dbf = Member(".dbf");
        var (headerLength, recordLength) = (DbfHeaderLength, DbfRecordLength);
        var records = (int)BinaryPrimitives.ReadUInt32LittleEndian(dbf.AsSpan(4));
        var (descriptor, offset) = (32, 1);
        while (System.Text.Encoding.ASCII.GetString(dbf, descriptor, 11).TrimEnd('\0') != name)
        {
            offset += dbf[descriptor + 16];
            descriptor += 32;
        }

        var width = dbf[descriptor + 16];
        var result = new List<byte>();
        result.AddRange(dbf[..descriptor]);
        result.AddRange(dbf[(descriptor + 32)..headerLength]);
        for (var i = 0; i < records; i++)
        {
            var record = dbf.AsSpan(headerLength + (i * recordLength), recordLength);
            result.AddRange(record[..offset].ToArray());
            result.AddRange(record[(offset + width)..].ToArray());
        }

        result.AddRange(dbf[(headerLength + (records * recordLength))..]);
        var bytes = result.ToArray();
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)(headerLength - 32));
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(10), (ushort)(recordLength - width));
        Replace(".dbf", bytes);
    }

    /// <summary>The field's descriptor offset in the .dbf header, its offset within a record and its width.</summary>
    public (int Descriptor, int Offset, int Width) DbfField(string name)
    {
        var dbf = Member(".dbf");
        var (descriptor, offset) = (32, 1);
        while (System.Text.Encoding.ASCII.GetString(dbf, descriptor, 11).TrimEnd('\0') != name)
        {
            if (dbf[descriptor] == 0x0D)
            {
                throw new ArgumentException($"no field {name}", nameof(name));
            }

            offset += dbf[descriptor + 16];
            descriptor += 32;
        }

        return (descriptor, offset, dbf[descriptor + 16]);
    }

    /// <summary>Writes raw bytes into a field of record <paramref name="record"/> (from 1), blank-padded to its width.</summary>
    public void SetDbfBytes(int record, string field, byte[] bytes)
    {
        var (_, offset, width) = DbfField(field);
        var target = Member(".dbf").AsSpan(DbfHeaderLength + ((record - 1) * DbfRecordLength) + offset, width);
        target.Fill((byte)' ');
        bytes.AsSpan(0, Math.Min(bytes.Length, width)).CopyTo(target);
    }

    public void SetDbfValue(int record, string field, string text) => SetDbfBytes(record, field, System.Text.Encoding.Latin1.GetBytes(text));

    /// <summary>A field's text in record <paramref name="record"/> (from 1), trimmed.</summary>
    public string DbfText(int record, string field)
    {
        var (_, offset, width) = DbfField(field);
        return System.Text.Encoding.Latin1.GetString(Member(".dbf").AsSpan(DbfHeaderLength + ((record - 1) * DbfRecordLength) + offset, width)).Trim();
    }

    /// <summary>Changes a field's type letter (and decimals) in its descriptor; the records' bytes stay.</summary>
    public void SetDbfFieldType(string field, char type, byte decimals = 0)
    {
        var (descriptor, _, _) = DbfField(field);
        Member(".dbf")[descriptor + 11] = (byte)type;
        Member(".dbf")[descriptor + 17] = decimals;
    }

    /// <summary>Appends C fields of the given names and width, blank in every record, leaving a consistent .dbf.</summary>
    public void AddDbfFields(IReadOnlyList<string> names, byte width)
    {
        var dbf = Member(".dbf");
        var (headerLength, recordLength) = (DbfHeaderLength, DbfRecordLength);
        var records = (int)BinaryPrimitives.ReadUInt32LittleEndian(dbf.AsSpan(4));
        var result = new List<byte>();
        result.AddRange(dbf[..(headerLength - 1)]);
        foreach (var name in names)
        {
            var descriptor = new byte[32];
            System.Text.Encoding.ASCII.GetBytes(name).CopyTo(descriptor, 0);
            descriptor[11] = (byte)'C';
            descriptor[16] = width;
            result.AddRange(descriptor);
        }

        result.Add(0x0D);
        for (var i = 0; i < records; i++)
        {
            result.AddRange(dbf.AsSpan(headerLength + (i * recordLength), recordLength).ToArray());
            result.AddRange(Enumerable.Repeat((byte)' ', width * names.Count));
        }

        result.Add(0x1A);
        var bytes = result.ToArray();
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)(headerLength + (32 * names.Count)));
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(10), (ushort)(recordLength + (width * names.Count)));
        Replace(".dbf", bytes);
    }

    /// <summary>
    /// Keeps the first <paramref name="records"/> shapes of the .shp and .shx (headers' lengths updated) and lowers the
    /// .dbf's count to match, leaving the .dbf's later records in place: a .shp cut, and a count edited to hide it.
    /// </summary>
    public void CutShapesAndCount(int records)
    {
        var shpLength = ContentOffset(records + 1) - 8;
        Replace(".shp", Member(".shp")[..shpLength]);
        BinaryPrimitives.WriteInt32BigEndian(Member(".shp").AsSpan(24), shpLength / 2);
        Replace(".shx", Member(".shx")[..(100 + (8 * records))]);
        BinaryPrimitives.WriteInt32BigEndian(Member(".shx").AsSpan(24), (100 + (8 * records)) / 2);
        SetDbfRecordCount(records);
    }

    /// <summary>
    /// Rewrites the .shp and .shx with a single-ring Polygon for the records <paramref name="ring"/> gives points for
    /// (the ring as given, closed by the caller); the other records keep their shapes. Offsets and lengths are redone.
    /// </summary>
    public void ReplaceShapes(Func<int, (double X, double Y)[]?> ring) => ReplaceShapeRings(record => ring(record) is { } points ? [points] : null);

    /// <summary>As <see cref="ReplaceShapes"/>, with a Polygon of several rings (in the order given) for the records <paramref name="rings"/> gives.</summary>
    public void ReplaceShapeRings(Func<int, (double X, double Y)[][]?> rings)
    {
        var (shp, shx) = (new MemoryStream(), new MemoryStream());
        shp.Write(Member(".shp").AsSpan(0, 100));
        shx.Write(Member(".shx").AsSpan(0, 100));
        Span<byte> header = stackalloc byte[8];
        for (var record = 1; record <= RecordCount; record++)
        {
            var content = rings(record) is { } parts ? PolygonContent(parts) : Member(".shp").AsSpan(ContentOffset(record), ContentLength(record)).ToArray();
            BinaryPrimitives.WriteInt32BigEndian(header, (int)(shp.Length / 2));
            BinaryPrimitives.WriteInt32BigEndian(header[4..], content.Length / 2);
            shx.Write(header);
            BinaryPrimitives.WriteInt32BigEndian(header, record);
            shp.Write(header);
            shp.Write(content);
        }

        var (shpBytes, shxBytes) = (shp.ToArray(), shx.ToArray());
        BinaryPrimitives.WriteInt32BigEndian(shpBytes.AsSpan(24), shpBytes.Length / 2);
        BinaryPrimitives.WriteInt32BigEndian(shxBytes.AsSpan(24), shxBytes.Length / 2);
        Replace(".shp", shpBytes);
        Replace(".shx", shxBytes);
    }

    private int ContentLength(int record) => 2 * BinaryPrimitives.ReadInt32BigEndian(Member(".shx").AsSpan(100 + (8 * (record - 1)) + 4));

    private static byte[] PolygonContent((double X, double Y)[][] rings)
    {
        var points = rings.SelectMany(r => r).ToArray();
        var first = 44 + (4 * rings.Length);
        var content = new byte[first + (16 * points.Length)];
        BinaryPrimitives.WriteInt32LittleEndian(content, 5);
        BinaryPrimitives.WriteDoubleLittleEndian(content.AsSpan(4), points.Min(p => p.X));
        BinaryPrimitives.WriteDoubleLittleEndian(content.AsSpan(12), points.Min(p => p.Y));
        BinaryPrimitives.WriteDoubleLittleEndian(content.AsSpan(20), points.Max(p => p.X));
        BinaryPrimitives.WriteDoubleLittleEndian(content.AsSpan(28), points.Max(p => p.Y));
        BinaryPrimitives.WriteInt32LittleEndian(content.AsSpan(36), rings.Length);
        BinaryPrimitives.WriteInt32LittleEndian(content.AsSpan(40), points.Length);
        for (int r = 0, start = 0; r < rings.Length; start += rings[r].Length, r++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(content.AsSpan(44 + (4 * r)), start);
        }

        for (var i = 0; i < points.Length; i++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(content.AsSpan(first + (16 * i)), points[i].X);
            BinaryPrimitives.WriteDoubleLittleEndian(content.AsSpan(first + 8 + (16 * i)), points[i].Y);
        }

        return content;
    }

    /// <summary>
    /// A star of <paramref name="points"/> points around (x, y), each joined to the one about half-way round: every
    /// edge crosses most others (about n²/2 self-intersections), the worst case for a repair. Closed.
    /// </summary>
    public static (double X, double Y)[] Star(int points, double x, double y, double radius)
    {
        var step = (points / 2) - 1;
        while (Gcd(points, step) != 1)
        {
            step--;
        }

        return Enumerable.Range(0, points + 1)
            .Select(i => 2 * Math.PI * ((long)i * step % points) / points)
            .Select(a => (x + (radius * Math.Cos(a)), y + (radius * Math.Sin(a))))
            .ToArray();
    }

    private static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);

    /// <summary>Reverses the point order of every ring of every record: shells counter-clockwise, holes clockwise.</summary>
    public void ReverseAllRings() => RewriteRings(rings =>
    {
        rings.ForEach(r => r.Reverse());
        return rings;
    });

    /// <summary>Lists every record's rings last first, so holes come before their shells.</summary>
    public void ListRingsLastFirst() => RewriteRings(rings =>
    {
        rings.Reverse();
        return rings;
    });

    /// <summary>Rewrites every Polygon record's rings (lists of 16-byte points) in place: the same sizes, new order.</summary>
    private void RewriteRings(Func<List<List<byte[]>>, List<List<byte[]>>> change)
    {
        var bytes = Member(".shp");
        var shp = bytes.AsSpan();
        for (var record = 1; record <= RecordCount; record++)
        {
            var content = ContentOffset(record);
            if (BinaryPrimitives.ReadInt32LittleEndian(shp[content..]) != 5)
            {
                continue;
            }

            var parts = BinaryPrimitives.ReadInt32LittleEndian(shp[(content + 36)..]);
            var points = BinaryPrimitives.ReadInt32LittleEndian(shp[(content + 40)..]);
            var first = content + 44 + (4 * parts);
            var starts = Enumerable.Range(0, parts).Select(p => BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(content + 44 + (4 * p)))).Append(points).ToArray();
            var rings = new List<List<byte[]>>();
            for (var p = 0; p < parts; p++)
            {
                rings.Add(Enumerable.Range(starts[p], starts[p + 1] - starts[p]).Select(i => bytes[(first + (16 * i))..(first + (16 * i) + 16)]).ToList());
            }

            var (start, at) = (0, first);
            foreach (var (ring, p) in change(rings).Select((r, p) => (r, p)))
            {
                BinaryPrimitives.WriteInt32LittleEndian(shp[(content + 44 + (4 * p))..], start);
                foreach (var point in ring)
                {
                    point.CopyTo(shp[at..]);
                    at += 16;
                }

                start += ring.Count;
            }
        }
    }

    /// <summary>Cuts a member to its first <paramref name="length"/> bytes.</summary>
    public void Truncate(string extension, int length) => Replace(extension, Member(extension)[..length]);

    /// <summary>Writes a valid zip (deflated, fresh CRCs) with the members as they are now.</summary>
    public void Write(string path)
    {
        File.Delete(path);
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (name, bytes) in members)
        {
            using var stream = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
            stream.Write(bytes);
        }
    }

    /// <summary>
    /// Writes the zip with its members renamed after it (<c>tl_2020_44_tract.shp</c> in <c>tl_2020_44_tract.zip</c>),
    /// as a file that lies about its name would be made: the importer refuses members that name another file.
    /// </summary>
    public void WriteNamedAs(string path)
    {
        var stem = Path.GetFileNameWithoutExtension(path);
        for (var i = 0; i < members.Count; i++)
        {
            var (name, bytes) = members[i];
            var folder = name[..(name.LastIndexOf('/') + 1)];
            var file = name[folder.Length..];
            var dot = file.IndexOf('.', StringComparison.Ordinal);
            members[i] = (dot < 0 ? name : folder + stem + file[dot..], bytes);
        }

        Write(path);
    }
}
