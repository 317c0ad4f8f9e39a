using System.Buffers.Binary;
using System.Diagnostics;
using NetTopologySuite.Geometries;

namespace TigerImport.Load;

/// <summary>
/// PostGIS's extended WKB of a 2D MultiPolygon, MultiLineString or MultiPoint with its SRID: the bytes geometry_recv takes in a
/// binary COPY, the same bytes Npgsql.NetTopologySuite would send, written straight from the coordinate sequences
/// into one exact-size array (the library path goes through a BinaryWriter one double at a time, and was a seventh of
/// the load's CPU).
/// </summary>
public static class Ewkb
{
    private const uint SridFlag = 0x20000000;
    private const uint PointType = 1;
    private const uint LineStringType = 2;
    private const uint PolygonType = 3;
    private const uint MultiPointType = 4;
    private const uint MultiLineStringType = 5;
    private const uint MultiPolygonType = 6;

    public static byte[] Encode(NetTopologySuite.Geometries.Geometry geometry)
    {
        var bytes = new byte[Length(geometry)];
        var written = geometry switch
        {
            MultiPolygon multi => WriteCollection(bytes, MultiPolygonType, multi, geometry.SRID),
            MultiLineString multi => WriteCollection(bytes, MultiLineStringType, multi, geometry.SRID),
            MultiPoint multi => WriteCollection(bytes, MultiPointType, multi, geometry.SRID),
            _ => throw new UnreachableException($"{geometry.GeometryType} reached the EWKB encoder; layers hold MultiPolygon, MultiLineString or MultiPoint"),
        };
        Debug.Assert(written == bytes.Length, "the length computed and the bytes written agree");
        return bytes;
    }

    private static int Length(NetTopologySuite.Geometries.Geometry geometry)
    {
        var length = 1 + 4 + 4 + 4; // byte order, type, SRID, part count
        for (var i = 0; i < geometry.NumGeometries; i++)
        {
            length += geometry.GetGeometryN(i) switch
            {
                Polygon polygon => 1 + 4 + 4 + Rings(polygon).Sum(ring => 4 + (16 * ring.CoordinateSequence.Count)),
                LineString line => 1 + 4 + 4 + (16 * line.CoordinateSequence.Count),
                Point => 1 + 4 + 16,
                var part => throw new UnreachableException($"{part.GeometryType} inside a {geometry.GeometryType}"),
            };
        }

        return length;
    }

    private static int WriteCollection(Span<byte> bytes, uint type, GeometryCollection collection, int srid)
    {
        var at = Header(bytes, type | SridFlag);
        BinaryPrimitives.WriteInt32LittleEndian(bytes[at..], srid);
        BinaryPrimitives.WriteInt32LittleEndian(bytes[(at + 4)..], collection.NumGeometries);
        at += 8;
        foreach (var part in collection.Geometries)
        {
            if (part is Polygon polygon)
            {
                at += Header(bytes[at..], PolygonType);
                BinaryPrimitives.WriteInt32LittleEndian(bytes[at..], 1 + polygon.NumInteriorRings);
                at += 4;
                foreach (var ring in Rings(polygon))
                {
                    at += WritePoints(bytes[at..], ring.CoordinateSequence);
                }
            }
            else if (part is Point point)
            {
                at += Header(bytes[at..], PointType);
                BinaryPrimitives.WriteDoubleLittleEndian(bytes[at..], point.X);
                BinaryPrimitives.WriteDoubleLittleEndian(bytes[(at + 8)..], point.Y);
                at += 16;
            }
            else
            {
                at += Header(bytes[at..], LineStringType);
                at += WritePoints(bytes[at..], ((LineString)part).CoordinateSequence);
            }
        }

        return at;
    }

    private static int Header(Span<byte> bytes, uint type)
    {
        bytes[0] = 1; // little-endian
        BinaryPrimitives.WriteUInt32LittleEndian(bytes[1..], type);
        return 5;
    }

    private static int WritePoints(Span<byte> bytes, CoordinateSequence points)
    {
        BinaryPrimitives.WriteInt32LittleEndian(bytes, points.Count);
        var at = 4;
        for (var i = 0; i < points.Count; i++, at += 16)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(bytes[at..], points.GetX(i));
            BinaryPrimitives.WriteDoubleLittleEndian(bytes[(at + 8)..], points.GetY(i));
        }

        return at;
    }

    private static IEnumerable<LineString> Rings(Polygon polygon) => polygon.InteriorRings.Prepend(polygon.ExteriorRing);
}
