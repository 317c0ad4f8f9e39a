using System.Buffers.Binary;
using NetTopologySuite.IO.Esri;
using TigerImport.Archive;

namespace TigerImport.Tests.Integrity;

/// <summary>A record's content against its own counts, before the shapefile reader may allocate from them.</summary>
public sealed class ShapeRecordCheckTests
{
    /// <summary>A one-ring polygon record: the unit square, closed (5 points).</summary>
    private static byte[] Square(int? parts = null, int? points = null)
    {
        double[] xy = [0, 0, 0, 1, 1, 1, 1, 0, 0, 0];
        var content = new byte[44 + 4 + 16 * 5];
        BinaryPrimitives.WriteInt32LittleEndian(content, (int)ShapeType.Polygon);
        BinaryPrimitives.WriteInt32LittleEndian(content.AsSpan(36), parts ?? 1);
        BinaryPrimitives.WriteInt32LittleEndian(content.AsSpan(40), points ?? 5);
        for (var i = 0; i < xy.Length; i++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(content.AsSpan(48 + 8 * i), xy[i]);
        }

        return content;
    }

    private static string? Problem(byte[] content) => ShapeRecordCheck.Problem(content, ShapeType.Polygon, TestContext.Current.CancellationToken);

    [Fact]
    public void A_sound_record_and_a_null_shape_pass()
    {
        Assert.Null(Problem(Square()));
        Assert.Null(Problem(new byte[4]));
    }

    [Theory]
    [InlineData(int.MaxValue, 5)]
    [InlineData(1, int.MaxValue)]
    [InlineData(0, 5)]
    [InlineData(-1, 5)]
    [InlineData(1, 6)]
    public void Counts_the_record_cannot_hold_are_a_problem(int parts, int points) =>
        Assert.Contains("which need", Problem(Square(parts, points)));

    [Fact]
    public void Another_shape_type_is_a_problem()
    {
        var content = Square();
        BinaryPrimitives.WriteInt32LittleEndian(content, (int)ShapeType.PolyLine);

        Assert.Equal("shape type PolyLine in a Polygon file", Problem(content));
    }

    [Fact]
    public void A_ring_of_three_points_or_a_part_offset_past_the_end_is_a_problem()
    {
        var content = Square();
        BinaryPrimitives.WriteInt32LittleEndian(content.AsSpan(44), 3);

        Assert.StartsWith("part 1 of 1", Problem(content));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void A_coordinate_that_is_not_finite_is_a_problem(double value)
    {
        var content = Square();
        BinaryPrimitives.WriteDoubleLittleEndian(content.AsSpan(48 + 16 * 2 + 8), value);

        Assert.StartsWith("point 3 is not a finite coordinate", Problem(content));
    }

    [Fact]
    public void Point_and_MultiPoint_records_are_checked_against_their_own_lengths_and_coordinates()
    {
        var point = new byte[20];
        BinaryPrimitives.WriteInt32LittleEndian(point, (int)ShapeType.Point);
        BinaryPrimitives.WriteDoubleLittleEndian(point.AsSpan(4), -106.5);
        BinaryPrimitives.WriteDoubleLittleEndian(point.AsSpan(12), 35.1);
        var multi = new byte[40 + 32];
        BinaryPrimitives.WriteInt32LittleEndian(multi, (int)ShapeType.MultiPoint);
        BinaryPrimitives.WriteInt32LittleEndian(multi.AsSpan(36), 2);
        var cancel = TestContext.Current.CancellationToken;

        Assert.Null(ShapeRecordCheck.Problem(point, ShapeType.Point, cancel));
        Assert.Null(ShapeRecordCheck.Problem(multi, ShapeType.MultiPoint, cancel));
        Assert.Contains("a Point is 20 bytes", ShapeRecordCheck.Problem(point.AsSpan(0, 12).ToArray(), ShapeType.Point, cancel), StringComparison.Ordinal);
        BinaryPrimitives.WriteInt32LittleEndian(multi.AsSpan(36), 1 << 30);
        Assert.Contains("claims 1073741824 point(s)", ShapeRecordCheck.Problem(multi, ShapeType.MultiPoint, cancel), StringComparison.Ordinal);
        BinaryPrimitives.WriteDoubleLittleEndian(point.AsSpan(4), double.NaN);
        Assert.Contains("not a finite coordinate", ShapeRecordCheck.Problem(point, ShapeType.Point, cancel), StringComparison.Ordinal);
        Assert.Contains("shape type Point in a MultiPoint file", ShapeRecordCheck.Problem(point, ShapeType.MultiPoint, cancel), StringComparison.Ordinal);
    }
}
