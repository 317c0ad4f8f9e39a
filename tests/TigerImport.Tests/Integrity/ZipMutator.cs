using System.Buffers.Binary;

namespace TigerImport.Tests.Integrity;

/// <summary>
/// Seeded damage to a good zip, one mutation at a time: flipped bytes in the .shp/.shx/.dbf headers and records
/// (re-zipped with valid CRCs, so only the importer's own checks can catch them), overwritten record counts, truncated
/// members, and flipped bytes in the zip itself. <see cref="Mutation.RecordScoped"/> says whether the damage lies inside
/// one record, so at most that one feature may differ from the good file's if the import succeeds.
/// </summary>
internal static class ZipMutator
{
    public sealed record Mutation(string Description, bool RecordScoped);

    private static readonly string[] Members = [".shp", ".shx", ".dbf", ".prj", ".cpg"];

    public static Mutation Apply(Random random, string goodPath, string outputPath)
    {
        var kind = random.Next(9);
        if (kind == 8)
        {
            var raw = File.ReadAllBytes(goodPath);
            var at = random.Next(raw.Length);
            raw[at] ^= (byte)random.Next(1, 256);
            File.WriteAllBytes(outputPath, raw);
            return new($"zip byte {at} flipped", false);
        }

        var zip = ShapefileZip.Read(goodPath);
        var shp = zip.Member(".shp");
        var dbf = zip.Member(".dbf");
        var record = random.Next(1, zip.RecordCount + 1);
        var content = zip.ContentOffset(record);
        var contentLength = 2 * BinaryPrimitives.ReadInt32BigEndian(shp.AsSpan(content - 4));
        var structure = Math.Min(contentLength, 44 + 4 * BinaryPrimitives.ReadInt32LittleEndian(shp.AsSpan(content + 36)));
        Mutation result = kind switch
        {
            0 => Flip(random, shp, 0, 100, ".shp header", false),
            1 => Flip(random, zip.Member(".shx"), 0, zip.Member(".shx").Length, ".shx", false),
            2 => Flip(random, dbf, 0, zip.DbfHeaderLength, ".dbf header", false),
            3 => Flip(random, shp, content - 8, content + structure, $".shp record {record} header/counts", true),
            4 => Flip(random, shp, 100, shp.Length, ".shp record area", true),
            5 => Flip(random, dbf, zip.DbfHeaderLength, dbf.Length, ".dbf record area", true),
            6 => Overwrite(random, shp, content + 4 * random.Next(structure / 4), record),
            _ => Truncate(random, zip),
        };
        zip.Write(outputPath);
        return result;
    }

    private static Mutation Flip(Random random, byte[] bytes, int from, int to, string where, bool recordScoped)
    {
        var at = random.Next(from, to);
        var mask = (byte)random.Next(1, 256);
        bytes[at] ^= mask;
        return new($"{where}: byte {at} ^ 0x{mask:X2}", recordScoped);
    }

    /// <summary>A shape type, bounding-box word or count replaced by a random (often huge or negative) 32-bit value.</summary>
    private static Mutation Overwrite(Random random, byte[] shp, int at, int record)
    {
        var value = random.Next(4) switch { 0 => int.MaxValue - random.Next(100), 1 => -random.Next(1, 1000), 2 => random.Next(), _ => random.Next(64) };
        BinaryPrimitives.WriteInt32LittleEndian(shp.AsSpan(at), value);
        return new($".shp record {record}: int at {at} = {value}", true);
    }

    private static Mutation Truncate(Random random, ShapefileZip zip)
    {
        var member = Members[random.Next(Members.Length)];
        var length = random.Next(zip.Member(member).Length);
        zip.Truncate(member, length);
        return new($"{member} cut to {length} bytes", false);
    }
}
