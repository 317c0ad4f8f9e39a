using TigerImport.Tests.Support;

namespace TigerImport.Tests.Integrity;

/// <summary>
/// Damaged files, built in the test from a sample (or a real Census zip when ../shared has it), run through the real
/// executable against PostGIS: each ends in a data error (exit 4) naming the file and the cause with the published
/// table byte-identical, or in counted rejects of just the damaged features.
/// </summary>
[Collection(PostgisCollection.Name)]
public sealed class When_a_file_is_damaged(PostgisServer postgis)
{
    private const string Place = "tl_2024_35_place.zip";

    private Task<(int ExitCode, string Output, string Before, string After)> ReimportDamagedAsync(
        string schema, string sample, string layer, Action<ShapefileZip> damage, string? renameTo = null, params string[] extra) =>
        IntegrityCli.ReimportDamagedAsync(postgis, schema, sample, layer, damage, renameTo, extra);

    private static void AssertDataError((int ExitCode, string Output, string Before, string After) run, string file, params string[] causes) =>
        IntegrityCli.AssertDataError(run, file, causes);

    [Fact]
    public async Task A_dbf_with_fewer_records_than_the_shp_is_refused()
    {
        var run = await ReimportDamagedAsync("dmg_fewer", Place, "PLACE", zip =>
        {
            zip.SetDbfRecordCount(zip.RecordCount - 1);
            zip.Truncate(".dbf", zip.DbfHeaderLength + (zip.RecordCount - 1) * zip.DbfRecordLength);
        });

        AssertDataError(run, Place, "has 6 shapes in tl_2024_35_place.shp but 5 records in tl_2024_35_place.dbf");
    }

    [Fact]
    public async Task A_dbf_cut_short_inside_a_valid_zip_is_refused()
    {
        var run = await ReimportDamagedAsync("dmg_dbfcut", Place, "PLACE", zip => zip.Truncate(".dbf", zip.DbfHeaderLength + 3 * zip.DbfRecordLength + 7));

        AssertDataError(run, Place, "member tl_2024_35_place.dbf is shorter than its header says");
    }

    [Fact]
    public async Task A_shp_cut_short_is_refused()
    {
        var run = await ReimportDamagedAsync("dmg_shpcut", Place, "PLACE", zip => zip.Truncate(".shp", zip.ContentOffset(4) + 20));

        AssertDataError(run, Place, "member tl_2024_35_place.shp is shorter than its header says");
    }

    [Fact]
    public async Task A_state_file_under_another_states_name_is_refused_naming_both_codes()
    {
        using var folder = new TempFolder().WithSamples("tl_2024_72_place.zip");
        Assert.Equal(0, (await IntegrityCli.ImportAsync(postgis, folder.Path, "dmg_state", "PLACE")).ExitCode);
        var before = await TableChecksum.OfAsync(postgis, "dmg_state.place_2024");
        ShapefileZip.Read(Path.Combine(RepoPaths.Samples, Place)).WriteNamedAs(Path.Combine(folder.Path, "tl_2024_72_place.zip"));

        var (exitCode, output) = await IntegrityCli.ImportAsync(postgis, folder.Path, "dmg_state", "PLACE");

        AssertDataError((exitCode, output, before, await TableChecksum.OfAsync(postgis, "dmg_state.place_2024")), "tl_2024_72_place.zip", "STATEFP is '35', but the file name says 72");
    }

    [Fact]
    public async Task A_real_2010_state_file_under_another_states_name_is_refused()
    {
        var shared = RepoPaths.SharedTiger;
        using var folder = new TempFolder();
        File.Copy(Path.Combine(shared, "tl_2010_44_tract10.zip"), Path.Combine(folder.Path, "tl_2010_44_tract10.zip"));
        Assert.Equal(0, (await IntegrityCli.ImportAsync(postgis, folder.Path, "dmg_state10", "TRACT")).ExitCode);
        var before = await TableChecksum.OfAsync(postgis, "dmg_state10.tract_2010");
        ShapefileZip.Read(Path.Combine(shared, "tl_2010_50_tract10.zip")).WriteNamedAs(Path.Combine(folder.Path, "tl_2010_44_tract10.zip"));

        var (exitCode, output) = await IntegrityCli.ImportAsync(postgis, folder.Path, "dmg_state10", "TRACT");

        AssertDataError((exitCode, output, before, await TableChecksum.OfAsync(postgis, "dmg_state10.tract_2010")), "tl_2010_44_tract10.zip", "STATEFP10 is '50', but the file name says 44");
    }

    [Fact]
    public async Task A_county_file_under_another_countys_name_is_refused()
    {
        var run = await ReimportDamagedAsync("dmg_county", "tl_2024_35013_edges.zip", "EDGES", _ => { }, renameTo: "tl_2024_35001_edges.zip");

        AssertDataError(run, "tl_2024_35001_edges.zip", "COUNTYFP is '013', but the file name says 001");
    }

    [Fact]
    public async Task A_flipped_byte_in_a_field_name_is_refused_and_adds_no_column()
    {
        var run = await ReimportDamagedAsync("dmg_field", Place, "PLACE", zip => zip.Member(".dbf")[32 + 32 + 2] ^= 0x80);
        var columns = await IntegrityCli.ScalarAsync<long>(postgis, "SELECT count(*) FROM information_schema.columns WHERE table_schema = 'dmg_field' AND table_name = 'place_2024'");

        AssertDataError(run, Place, "field name that is not an identifier");
        Assert.Equal(18L, columns);
    }

    [Fact]
    public async Task Wrong_shape_types_and_null_shapes_are_counted_rejects()
    {
        var run = await ReimportDamagedAsync("dmg_types", Place, "PLACE", zip =>
        {
            zip.SetShapeType(2, 3);
            zip.SetShapeType(5, 0);
        });

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Equal("2 shape type PolyLine in a Polygon file|5 empty geometry", await RejectsAsync("dmg_types"));
        Assert.Equal(4L, await IntegrityCli.ScalarAsync<long>(postgis, "SELECT count(*) FROM dmg_types.place_2024"));
        Assert.Contains("4 rows, 0 repaired, 2 rejected of 6 read", run.Output);
    }

    [Theory]
    [InlineData(4326)]
    [InlineData(3857)]
    public async Task Coordinates_out_of_range_or_not_finite_reject_only_their_feature_in_any_srid(int srid)
    {
        var schema = $"dmg_coords_{srid}";
        var run = await ReimportDamagedAsync(schema, Place, "PLACE", zip =>
        {
            zip.SetAllPoints(1, 500, 200);
            zip.SetAllPoints(3, 1e308, -1e308);
            zip.SetAllPoints(4, double.NaN, 35);
        }, extra: ["--srid", srid.ToString()]);

        Assert.True(run.ExitCode == 0, run.Output);
        var rejects = await RejectsAsync(schema);
        Assert.Matches(@"^1 coordinates outside the source CRS's range \(longitude ±180, latitude ±90\): x 500 to 500, y 200 to 200\|3 coordinates outside .*\|4 point 1 is not a finite coordinate \(NaN, 35\)$", rejects);
        Assert.Equal(1L, await IntegrityCli.ScalarAsync<long>(postgis, $"SELECT count(*) FROM {schema}.tiger_rejects WHERE record_number = 1 AND ST_X(ST_PointN(ST_ExteriorRing(ST_GeometryN(geom, 1)), 1)) = 500"));
        Assert.Equal(1L, await IntegrityCli.ScalarAsync<long>(postgis, $"SELECT count(*) FROM {schema}.tiger_rejects WHERE record_number = 4 AND geom IS NULL AND length(shape) > 44"));
        Assert.Equal(3L, await IntegrityCli.ScalarAsync<long>(postgis, $"SELECT count(*) FROM {schema}.place_2024 WHERE ST_IsValid(geom) AND ST_SRID(geom) = {srid} AND ST_XMax(geom) < 1e8 AND ST_XMin(geom) > -1e8"));
        Assert.Equal(3L, await IntegrityCli.ScalarAsync<long>(postgis, $"SELECT count(*) FROM {schema}.place_2024"));
    }

    [Fact]
    public async Task A_corrupt_part_count_is_one_reject_within_a_small_heap()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var folder = new TempFolder().WithSamples(Place);
        var path = Path.Combine(folder.Path, Place);
        var zip = ShapefileZip.Read(path);
        zip.SetPartCount(2, 0x7FFF_FFF0);
        zip.Write(path);

        // 256 MiB of heap: a reader that trusted the count would need gigabytes and fail or be killed.
        var (exitCode, output) = await IntegrityCli.ImportAsync(postgis, folder.Path, "dmg_parts", "PLACE", environment: new Dictionary<string, string?> { ["DOTNET_GCHeapHardLimit"] = "0x10000000" });

        Assert.True(exitCode == 0, output);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"took {clock.Elapsed}");
        Assert.Equal("2 the record claims 2147483632 part(s) and 5 point(s), which need 8589934652 bytes; it holds 128", await RejectsAsync("dmg_parts"));
        Assert.Equal(5L, await IntegrityCli.ScalarAsync<long>(postgis, "SELECT count(*) FROM dmg_parts.place_2024"));
    }

    [Fact]
    public async Task A_prj_over_the_cap_is_refused_naming_the_file()
    {
        var run = await ReimportDamagedAsync("dmg_prj", Place, "PLACE", zip => zip.Replace(".prj", new byte[100 << 20]));

        AssertDataError(run, Place, "member tl_2024_35_place.prj is over 65536 bytes");
    }

    [Theory]
    [InlineData("utm", "PROJCS[\"NAD83 / UTM zone 13N\",GEOGCS[\"NAD83\",DATUM[\"North_American_Datum_1983\",SPHEROID[\"GRS 1980\",6378137,298.257222101]],PRIMEM[\"Greenwich\",0],UNIT[\"degree\",0.0174532925199433]],PROJECTION[\"Transverse_Mercator\"],PARAMETER[\"latitude_of_origin\",0],PARAMETER[\"central_meridian\",-105],PARAMETER[\"scale_factor\",0.9996],PARAMETER[\"false_easting\",500000],PARAMETER[\"false_northing\",0],UNIT[\"metre\",1]]", "NAD83 / UTM zone 13N")]
    [InlineData("merc", "PROJCS[\"WGS_1984_Web_Mercator_Auxiliary_Sphere\",GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\",SPHEROID[\"WGS_1984\",6378137.0,298.257223563]],PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]],PROJECTION[\"Mercator_Auxiliary_Sphere\"],PARAMETER[\"False_Easting\",0.0],PARAMETER[\"False_Northing\",0.0],PARAMETER[\"Central_Meridian\",0.0],PARAMETER[\"Standard_Parallel_1\",0.0],PARAMETER[\"Auxiliary_Sphere_Type\",0.0],UNIT[\"Meter\",1.0]]", "WGS_1984_Web_Mercator_Auxiliary_Sphere")]
    [InlineData("nad27", "GEOGCS[\"GCS_North_American_1927\",DATUM[\"D_North_American_1927\",SPHEROID[\"Clarke_1866\",6378206.4,294.9786982]],PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]]", "GCS_North_American_1927")]
    [InlineData("radian", "GEOGCS[\"GCS_North_American_1983\",DATUM[\"D_North_American_1983\",SPHEROID[\"GRS_1980\",6378137,298.257222101]],PRIMEM[\"Greenwich\",0],UNIT[\"Radian\",1.0]]", "in Radian")]
    public async Task A_valid_prj_for_another_crs_is_refused_naming_it(string name, string wkt, string named)
    {
        // A UTM .prj on degree coordinates published every place near (0°, -109.5°) with exit 0; Web Mercator's exited 1.
        var run = await ReimportDamagedAsync($"dmg_prj_{name}", Place, "PLACE", zip => zip.Replace(".prj", System.Text.Encoding.ASCII.GetBytes(wkt)));

        AssertDataError(run, Place, named, "not NAD83 (or WGS 84) longitude/latitude in degrees");
    }

    [Theory]
    [InlineData("dup", "has the field STATEFP twice (field 2)")]
    [InlineData("zero", "has a field of length 0 (PLACEFP, field 2)")]
    [InlineData("short", "has a field list without its end marker within its 64-byte header")]
    [InlineData("none", "has no fields")]
    public async Task A_dbf_field_list_that_is_no_table_layout_is_refused_naming_the_cause(string damage, string cause)
    {
        // Before: a repeated name leaked .NET's "An item with the same key has already been added", a zero length the
        // reader's "Ivalid dBASE field length" without the member, and a short header "records are 301 bytes, but its 1 field(s) add up to 3".
        var run = await ReimportDamagedAsync($"dmg_fields_{damage}", Place, "PLACE", zip =>
        {
            var dbf = zip.Member(".dbf");
            switch (damage)
            {
                case "dup": dbf.AsSpan(32, 11).CopyTo(dbf.AsSpan(64, 11)); break;
                case "zero": dbf[64 + 16] = 0; break;
                case "short": dbf[8] = 64; dbf[9] = 0; break;
                default: dbf[32] = 0x0D; break;
            }
        });

        AssertDataError(run, Place, "member tl_2024_35_place.dbf " + cause);
    }

    [Theory]
    [InlineData("IBM037", "its .cpg names ibm037, which does not read ASCII as ASCII")]
    [InlineData("KLINGON-42", "its .cpg names an encoding this importer does not know: 'KLINGON-42'")]
    public async Task A_cpg_naming_an_encoding_no_dbf_is_written_in_is_refused_naming_the_file(string cpg, string cause)
    {
        // EBCDIC decoded every field name into other letters (a first import would have created those columns).
        var run = await ReimportDamagedAsync($"dmg_cpg_{cpg[..3].ToLowerInvariant()}", Place, "PLACE", zip => zip.Replace(".cpg", System.Text.Encoding.ASCII.GetBytes(cpg)));

        AssertDataError(run, Place + ": " + cause);
    }

    [Fact]
    public async Task A_dbf_without_its_key_field_is_refused_not_published_with_empty_keys()
    {
        var run = await ReimportDamagedAsync("dmg_nogeoid", Place, "PLACE", zip => zip.RemoveDbfField("GEOID"));

        // Refused at the file, before a row is loaded (the unique-key gate would refuse it after).
        AssertDataError(run, Place, "its .dbf has none of the key field(s) GEOID");
    }

    [Fact]
    public async Task A_blank_key_is_refused_not_published_as_null()
    {
        // GEOID is the fourth field (after STATEFP 2, PLACEFP 5, PLACENS 8 and the deletion flag): blank it in record 3.
        var run = await ReimportDamagedAsync("dmg_blankgeoid", Place, "PLACE", zip =>
            zip.Member(".dbf").AsSpan(zip.DbfHeaderLength + (2 * zip.DbfRecordLength) + 16, 7).Fill((byte)' '));

        AssertDataError(run, "quality gate 'unique-key'", "geoid is empty in 1 row(s)");
    }

    [Fact]
    public async Task A_state_file_without_statefp_is_refused_not_published_with_no_state()
    {
        var run = await ReimportDamagedAsync("dmg_nostatefp", Place, "PLACE", zip => zip.RemoveDbfField("STATEFP"));

        AssertDataError(run, Place, "has no STATEFP field");
    }

    [Fact]
    public async Task A_file_over_the_reject_budget_fails_its_layer_and_an_override_lets_it_through()
    {
        using var folder = new TempFolder();
        var path = folder.Write(LargeSample.Edges(400));
        Assert.Equal(0, (await IntegrityCli.ImportAsync(postgis, folder.Path, "dmg_budget", "EDGES")).ExitCode);
        var before = await TableChecksum.OfAsync(postgis, "dmg_budget.edges_2024");
        var zip = ShapefileZip.Read(path);
        for (var record = 1; record <= 20; record++)
        {
            zip.SetShapeType(record * 10, 5);
        }

        zip.Write(path);

        var refused = await IntegrityCli.ImportAsync(postgis, folder.Path, "dmg_budget", "EDGES");
        AssertDataError((refused.ExitCode, refused.Output, before, await TableChecksum.OfAsync(postgis, "dmg_budget.edges_2024")), "tl_2024_35013_edges.zip", "more than 10 of its 400 features rejected, over the reject budget (0.5%,10");

        var allowed = await IntegrityCli.ImportAsync(postgis, folder.Path, "dmg_budget", "EDGES", environment: new Dictionary<string, string?> { ["TIGER_MAX_REJECTS"] = "5%" });
        Assert.True(allowed.ExitCode == 0, allowed.Output);
        Assert.Equal(380L, await IntegrityCli.ScalarAsync<long>(postgis, "SELECT count(*) FROM dmg_budget.edges_2024"));
        Assert.Contains("380 rows, 0 repaired, 20 rejected of 400 read", allowed.Output);
    }

    [Theory]
    [InlineData("ten")]
    [InlineData("5%%")]
    [InlineData("-3")]
    [InlineData("101%")]
    public async Task A_reject_budget_that_does_not_parse_is_a_usage_error(string value)
    {
        using var folder = new TempFolder().WithSamples(Place);

        var (exitCode, output) = await IntegrityCli.ImportAsync(postgis, folder.Path, "dmg_usage", "PLACE", ["--max-rejects", value]);

        Assert.True(exitCode == 2, output);
        Assert.Contains("is not a reject budget", output);
    }

    private Task<string> RejectsAsync(string schema) => IntegrityCli.RejectsAsync(postgis, schema);
}
