using System.Buffers.Binary;
using NetTopologySuite.IO.Esri;
using TigerImport.Samples;

namespace TigerImport.Tests.Attributes;

/// <summary>
/// Census-like zips of attribute-only tables, built in the test: the sample writer's .dbf and .cpg (its .shp, .shx and
/// .prj left out unless asked for), with the .dbf's bytes changed where a test needs (a record marked deleted, records
/// cut off).
/// </summary>
internal static class AttributeTableZip
{
    /// <summary>A FEATNAMES-like layout (a subset of Census's fields: an edge's TLID, its names, LINEARID, MTFCC).</summary>
    public static readonly IReadOnlyList<TigerField> FeatnamesFields =
    [
        TigerField.Number("TLID", 10),
        TigerField.Text("FULLNAME", 100),
        TigerField.Text("NAME", 100),
        TigerField.Text("SUFTYPABRV", 50),
        TigerField.Text("LINEARID", 22),
        TigerField.Text("MTFCC", 5),
        TigerField.Text("PAFLAG", 1),
    ];

    /// <summary>
    /// <paramref name="count"/> names of edges from <paramref name="firstTlid"/> on, two names for every fifth edge (TLID
    /// repeats in FEATNAMES: an edge has a primary and alternate names), one with a name that needs UTF-8.
    /// </summary>
    public static TigerLayerSample Featnames(string baseName, long firstTlid, int count)
    {
        var features = new List<TigerFeature>();
        for (var i = 0; i < count; i++)
        {
            var tlid = firstTlid + (i - (i / 5));
            var name = i == 3 ? "Añasco" : $"Road {i}";
            features.Add(new TigerFeature(null, [tlid, $"{name} Rd", name, "Rd", $"1104{firstTlid + i:D9}", "S1400", i % 5 == 4 ? "A" : "P"]));
        }

        return new TigerLayerSample(baseName, ShapeType.PolyLine, FeatnamesFields, features);
    }

    /// <summary>Writes the sample as a zip of its .dbf and .cpg (and the geometry members when <paramref name="withShapefile"/>), after <paramref name="changeDbf"/>.</summary>
    public static string Write(string folder, TigerLayerSample sample, bool withShapefile = false, Func<byte[], byte[]>? changeDbf = null)
    {
        var parts = Directory.CreateTempSubdirectory("tigerimport-attributes-");
        try
        {
            var written = TigerShapefileWriter.WriteParts(parts.FullName, sample);
            var dbf = written.Single(p => p.EndsWith(".dbf", StringComparison.Ordinal));
            if (changeDbf is not null)
            {
                File.WriteAllBytes(dbf, changeDbf(File.ReadAllBytes(dbf)));
            }

            var members = withShapefile ? written : written.Where(p => p.EndsWith(".dbf", StringComparison.Ordinal) || p.EndsWith(".cpg", StringComparison.Ordinal)).ToList();
            var zip = Path.Combine(folder, sample.BaseName + ".zip");
            DeterministicZipWriter.Write(zip, members, sample.LastModified);
            return zip;
        }
        finally
        {
            parts.Delete(recursive: true);
        }
    }

    /// <summary>Marks record <paramref name="record"/> (from 1) deleted, as dBASE does: '*' in its first byte.</summary>
    public static Func<byte[], byte[]> DeleteRecord(int record) => dbf =>
    {
        dbf[HeaderLength(dbf) + ((record - 1) * RecordLength(dbf))] = (byte)'*';
        return dbf;
    };

    /// <summary>Cuts the member inside its last records, leaving the header's count as it was.</summary>
    public static Func<byte[], byte[]> CutRecords(int records) => dbf => dbf[..(dbf.Length - 1 - (records * RecordLength(dbf)) + 7)];

    private static int HeaderLength(byte[] dbf) => BinaryPrimitives.ReadUInt16LittleEndian(dbf.AsSpan(8));

    private static int RecordLength(byte[] dbf) => BinaryPrimitives.ReadUInt16LittleEndian(dbf.AsSpan(10));
}
