using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Esri;
using TigerImport.Samples;
using TigerImport.Tests.Integrity;
using TigerImport.Tests.Support;

namespace TigerImport.Tests.Agreement;

/// <summary>
/// A synthetic zip per geometry kind and scope the catalog added, through the real executable and PostGIS, against
/// ogr2ogr (<c>-nlt PROMOTE_TO_MULTI</c>): point landmarks per state (a Point file and a MultiPoint file, both stored
/// as MultiPoint), a national line file (RAILS), a state polygon file (UNSD). Same rows, same attributes, same shapes.
/// </summary>
[Collection(PostgisCollection.Name)]
public sealed class When_a_new_layer_kind_is_imported(PostgisServer postgis)
{
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4269);

    [Theory]
    [InlineData(ShapeType.Point)]
    [InlineData(ShapeType.MultiPoint)]
    public async Task Point_landmarks_are_published_as_MultiPoint_as_ogr2ogr_reads_them(ShapeType shapeType)
    {
        (double X, double Y)[][] points = [[(-106.7790, 32.3120)], [(-106.2500, 35.6870)], [(-105.9400, 35.6900)], [(-106.6500, 35.0800)]];
        if (shapeType == ShapeType.MultiPoint)
        {
            points[1] = [(-106.2500, 35.6870), (-106.2520, 35.6880)];
        }

        string[] names = ["Mesilla Plaza", "Bandelier Trailhead", "San Miguel Chapel", "Old Town Plaza"];
        var sample = new TigerLayerSample("tl_2024_35_pointlm", shapeType,
            [TigerField.Text("STATEFP", 2), TigerField.Text("ANSICODE", 8), TigerField.Text("POINTID", 22), TigerField.Text("FULLNAME", 100), TigerField.Text("MTFCC", 5)],
            points.Select((p, i) => new TigerFeature(
                shapeType == ShapeType.Point ? Factory.CreatePoint(new Coordinate(p[0].X, p[0].Y)) : Factory.CreateMultiPointFromCoords(p.Select(c => new Coordinate(c.X, c.Y)).ToArray()),
                ["35", "", $"110{i + 1:00000000000}", names[i], "K2451"])).ToList());
        var schema = $"lm_{shapeType.ToString().ToLowerInvariant()}";

        var ours = await ImportAndCompareAsync(sample, "POINTLM", schema, "pointid");

        Assert.Equal("MULTIPOINT", await IntegrityCli.ScalarAsync<string>(postgis, $"SELECT type FROM geometry_columns WHERE f_table_schema = '{schema}' AND f_table_name = 'pointlm_2024'"));
        Assert.Equal(shapeType == ShapeType.Point ? 4L : 5L, await IntegrityCli.ScalarAsync<long>(postgis, $"SELECT sum(ST_NumGeometries(geom)) FROM {ours}"));
    }

    [Fact]
    public async Task A_national_line_layer_is_published_in_one_partition_as_ogr2ogr_reads_it()
    {
        var sample = new TigerLayerSample("tl_2024_us_rails", ShapeType.PolyLine,
            [TigerField.Text("LINEARID", 22), TigerField.Text("FULLNAME", 100), TigerField.Text("MTFCC", 5)],
            [
                new(Line((-106.79, 32.26), (-106.785, 32.30), (-106.795, 32.40)), ["11051234567", "BNSF Rlwy", "R1011"]),
                new(Line((-71.06, 42.35), (-71.10, 42.37)), ["11051234568", "MBTA Red Line", "R1051"]),
                new(Factory.CreateMultiLineString([Line((-157.86, 21.30), (-157.80, 21.33)), Line((-157.79, 21.34), (-157.75, 21.36))]), ["11051234569", "Oahu Rail", "R1011"]),
            ]);

        var ours = await ImportAndCompareAsync(sample, "RAILS", "rails_us", "linearid");

        Assert.Equal("us", await IntegrityCli.ScalarAsync<string>(postgis, "SELECT string_agg(DISTINCT part, ',') FROM rails_us.tiger_partitions WHERE layer = 'RAILS'"));
        Assert.Equal(3L, await IntegrityCli.ScalarAsync<long>(postgis, $"SELECT count(*) FROM {ours} WHERE ST_GeometryType(geom) = 'ST_MultiLineString'"));
    }

    [Fact]
    public async Task A_state_polygon_layer_is_published_as_ogr2ogr_reads_it()
    {
        Polygon Square(double x, double y) => Factory.CreatePolygon([new(x, y), new(x, y + 0.1), new(x + 0.1, y + 0.1), new(x + 0.1, y), new(x, y)]);
        // ALAND: the square's area on the GRS 1980 ellipsoid, as Census's agrees with its shape.
        object?[] District(string lea, string name, double x, double y, long land) =>
            ["35", lea, "35" + lea, name, "00", "KG", "12", "G5420", "A", land, 0L, FormattableString.Invariant($"+{y + 0.05:00.0000000}"), FormattableString.Invariant($"{x + 0.05:000.0000000}")];
        var sample = new TigerLayerSample("tl_2024_35_unsd", ShapeType.Polygon,
            [
                TigerField.Text("STATEFP", 2), TigerField.Text("UNSDLEA", 5), TigerField.Text("GEOID", 7), TigerField.Text("NAME", 100), TigerField.Text("LSAD", 2),
                TigerField.Text("LOGRADE", 2), TigerField.Text("HIGRADE", 2), TigerField.Text("MTFCC", 5), TigerField.Text("FUNCSTAT", 1),
                TigerField.Number("ALAND", 14), TigerField.Number("AWATER", 14), TigerField.Text("INTPTLAT", 11), TigerField.Text("INTPTLON", 12),
            ],
            [
                new(Square(-106.85, 32.25), District("01530", "Las Cruces Public Schools", -106.85, 32.25, 104_442_770)),
                new(Square(-106.00, 35.60), District("02340", "Santa Fe Public Schools", -106.00, 35.60, 100_479_045)),
                new(Square(-106.70, 35.00), District("00060", "Albuquerque Public Schools", -106.70, 35.00, 101_214_798)),
            ]);

        var ours = await ImportAndCompareAsync(sample, "UNSD", "unsd_nm", "geoid");

        Assert.Equal("35", await IntegrityCli.ScalarAsync<string>(postgis, "SELECT string_agg(DISTINCT part, ',') FROM unsd_nm.tiger_partitions WHERE layer = 'UNSD'"));
        Assert.Equal("Las Cruces Public Schools", await IntegrityCli.ScalarAsync<string>(postgis, $"SELECT name FROM {ours} WHERE geoid = '3501530'"));
    }

    private LineString Line(params (double X, double Y)[] points) => Factory.CreateLineString(points.Select(p => new Coordinate(p.X, p.Y)).ToArray());

    /// <summary>Imports the sample with the real executable and with ogr2ogr; asserts the same rows, attributes and shapes.</summary>
    private async Task<string> ImportAndCompareAsync(TigerLayerSample sample, string layer, string schema, string key)
    {
        using var folder = new TempFolder();
        var path = folder.Write(sample);

        var (exitCode, output) = await IntegrityCli.ImportAsync(postgis, folder.Path, schema, layer);

        Assert.True(exitCode == 0, output);
        Assert.Contains($"{sample.Features.Count} rows, 0 repaired, 0 rejected of {sample.Features.Count} read", output);
        var ours = $"{schema}.{layer.ToLowerInvariant()}_2024";
        if (!ExternalTool.IsInstalled("ogr2ogr"))
        {
            return ours;
        }

        var theirs = $"{schema}_ogr.{await OgrImport.LoadAsync(postgis, path, $"{schema}_ogr", layer.ToLowerInvariant())}";
        var attributes = string.Join(", ", sample.Fields.Select(f => f.Name.ToLowerInvariant()));
        var differing = await IntegrityCli.ScalarAsync<long>(
            postgis,
            $"SELECT count(*) FROM {theirs} o FULL JOIN {ours} u USING ({key}) WHERE u.geom IS NULL OR o.geom IS NULL OR NOT ST_Equals(o.geom, u.geom) " +
            $"OR ST_GeometryType(o.geom) <> ST_GeometryType(u.geom) OR (SELECT row({attributes})::text FROM {ours} x WHERE x.{key} = u.{key}) IS DISTINCT FROM (SELECT row({attributes})::text FROM {theirs} y WHERE y.{key} = o.{key})");
        Assert.True(differing == 0, $"{differing} feature(s) of {ours} differ from ogr2ogr's {theirs}");
        return ours;
    }
}
