using System.Text;
using TigerImport.Tests.Support;

namespace TigerImport.Tests.Integrity;

/// <summary>
/// .dbf files that parse and lie, built in the test from a sample (or a real Census zip in ../shared) and run through
/// the real executable against PostGIS: a bad value is one counted reject naming the field; a bad file (its .cpg
/// against its bytes, a code stored as a number, records hidden after the count, a key field missing, junk fields) is
/// exit 4 naming the file and the check, with the published table unchanged.
/// </summary>
[Collection(PostgisCollection.Name)]
public sealed class When_a_dbf_lies(PostgisServer postgis)
{
    private const string Place = "tl_2024_35_place.zip";

    private async Task AssertOneRejectAsync(string schema, (int ExitCode, string Output) run, string reject)
    {
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Equal(reject, await IntegrityCli.RejectsAsync(postgis, schema));
        Assert.Equal(5L, await IntegrityCli.ScalarAsync<long>(postgis, $"SELECT count(*) FROM {schema}.place_2024"));
        Assert.Matches(@"5 rows, [01] repaired, 1 rejected of 6 read", run.Output);
    }

    [Fact]
    public async Task A_logical_field_of_garbage_is_one_counted_reject()
    {
        var run = await IntegrityCli.ImportDamagedAsync(postgis, "dbf_logical", Place, "PLACE", zip =>
        {
            zip.SetDbfFieldType("FUNCSTAT", 'L');
            for (var record = 1; record <= zip.RecordCount; record++)
            {
                zip.SetDbfValue(record, "FUNCSTAT", record == 2 ? "g" : "T");
            }
        });

        await AssertOneRejectAsync("dbf_logical", run, "2 field FUNCSTAT (L(1)) holds 'g': not a dBASE logical (T, F, Y, N, ? or blank)");
        Assert.Equal(5L, await IntegrityCli.ScalarAsync<long>(postgis, "SELECT count(*) FROM dbf_logical.place_2024 WHERE funcstat"));
    }

    [Fact]
    public async Task The_numeric_overflow_marker_is_one_counted_reject()
    {
        var run = await IntegrityCli.ImportDamagedAsync(postgis, "dbf_overflow", Place, "PLACE", zip => zip.SetDbfValue(3, "ALAND", "**************"));

        await AssertOneRejectAsync("dbf_overflow", run, "3 field ALAND (N(14,0)) holds '**************': dBASE's numeric overflow marker (the value did not fit 14 characters)");
    }

    [Theory]
    [InlineData(0, "NaN", "not a finite number")]
    [InlineData(1, "nan", "not a finite number")]
    [InlineData(2, "Infinity", "not a finite number")]
    [InlineData(3, "1.5", "a fraction in a field of no decimals")]
    [InlineData(4, "abc", "not a finite number")]
    [InlineData(5, "-", "not a finite number")]
    [InlineData(6, "1e5", "not a plain integer (digits with an optional sign) in a field of no decimals")]
    public async Task Garbage_in_an_integer_field_is_one_counted_reject_not_a_file_failure(int n, string value, string problem)
    {
        // The shapefile reader parses N(14,0) as an integer and would throw on these, failing the whole file.
        var schema = $"dbf_int_{n}";
        var run = await IntegrityCli.ImportDamagedAsync(postgis, schema, Place, "PLACE", zip => zip.SetDbfValue(6, "ALAND", value.PadLeft(14)));

        await AssertOneRejectAsync(schema, run, $"6 field ALAND (N(14,0)) holds '{value}': {problem}");
    }

    [Fact]
    public async Task A_NaN_in_a_float_field_is_one_counted_reject_with_its_attributes()
    {
        // The record is rejected for its shape too: its attributes (NaN among them) must still be written as JSON.
        var run = await IntegrityCli.ImportDamagedAsync(postgis, "dbf_nan", Place, "PLACE", zip =>
        {
            zip.SetDbfFieldType("AWATER", 'F', 3);
            zip.SetDbfValue(4, "AWATER", "NaN");
            zip.SetShapeType(4, 0);
        });

        await AssertOneRejectAsync("dbf_nan", run, "4 field AWATER (F(14,3)) holds 'NaN': not a finite number");
        Assert.Equal(1L, await IntegrityCli.ScalarAsync<long>(postgis, "SELECT count(*) FROM dbf_nan.tiger_rejects WHERE attributes ? 'awater' AND attributes->>'geoid' IS NOT NULL"));
    }

    [Fact]
    public async Task Records_hidden_after_the_count_of_a_cut_shp_are_refused()
    {
        var run = await IntegrityCli.ReimportDamagedAsync(postgis, "dbf_hidden", Place, "PLACE", zip => zip.CutShapesAndCount(4));

        IntegrityCli.AssertDataError(run, Place, "member tl_2024_35_place.dbf holds 2 record(s) after the 4 its header counts");
    }

    [Fact]
    public async Task A_state_code_stored_as_a_number_is_refused()
    {
        var run = await IntegrityCli.ReimportDamagedAsync(postgis, "dbf_numcode", Place, "PLACE", zip => zip.SetDbfFieldType("STATEFP", 'N'));

        IntegrityCli.AssertDataError(run, Place, "field STATEFP is N(2,0), but Census writes its codes as text (C)");
    }

    [Fact]
    public async Task A_field_narrower_on_a_later_state_is_refused()
    {
        using var folder = IntegrityCli.WithFile(Place);
        Assert.Equal(0, (await IntegrityCli.ImportAsync(postgis, folder.Path, "dbf_narrow", "PLACE")).ExitCode);
        var before = await TableChecksum.OfAsync(postgis, "dbf_narrow.place_2024");
        var later = Path.Combine(folder.Path, "tl_2024_72_place.zip");
        var zip = ShapefileZip.Read(Path.Combine(RepoPaths.Samples, "tl_2024_72_place.zip"));
        zip.SetDbfFieldType("ALAND", 'N', 2);
        zip.Write(later);
        File.Delete(Path.Combine(folder.Path, Place));

        var (exitCode, output) = await IntegrityCli.ImportAsync(postgis, folder.Path, "dbf_narrow", "PLACE");

        IntegrityCli.AssertDataError((exitCode, output, before, await TableChecksum.OfAsync(postgis, "dbf_narrow.place_2024")), "tl_2024_72_place.zip", "field ALAND is numeric in this file but bigint in the published table");
    }

    [Fact]
    public async Task A_missing_key_field_is_refused_on_the_first_load()
    {
        var (exitCode, output) = await IntegrityCli.ImportDamagedAsync(postgis, "dbf_nokey", Place, "PLACE", zip => zip.RemoveDbfField("GEOID"));

        Assert.True(exitCode == 4, output);
        Assert.Contains($"{Place}: its .dbf has none of the key field(s) GEOID, GEOID10, GEOID20", output);
        Assert.Equal(0L, await IntegrityCli.ScalarAsync<long>(postgis, "SELECT count(*) FROM pg_tables WHERE schemaname = 'dbf_nokey' AND tablename LIKE 'place%'"));
    }

    [Theory]
    [InlineData("dbf_noname_first", false)]
    [InlineData("dbf_noname_again", true)]
    public async Task A_real_2010_file_without_NAMELSAD10_is_refused_on_a_first_load_or_a_republish(string schema, bool republish)
    {
        const string tract = "tl_2010_60_tract10.zip";
        if (republish)
        {
            var run = await IntegrityCli.ReimportDamagedAsync(postgis, schema, tract, "TRACT", zip => zip.RemoveDbfField("NAMELSAD10"));
            IntegrityCli.AssertDataError(run, tract, "its .dbf has no NAMELSAD field, which every TRACT file carries");
            return;
        }

        var (exitCode, output) = await IntegrityCli.ImportDamagedAsync(postgis, schema, tract, "TRACT", zip => zip.RemoveDbfField("NAMELSAD10"));
        Assert.True(exitCode == 4, output);
        Assert.Contains($"{tract}: its .dbf has no NAMELSAD field", output);
    }

    [Fact]
    public async Task A_published_field_missing_on_a_republish_is_refused_unless_drift_is_allowed()
    {
        var run = await IntegrityCli.ReimportDamagedAsync(postgis, "dbf_lacks", Place, "PLACE", zip => zip.RemoveDbfField("PCICBSA"));

        IntegrityCli.AssertDataError(run, Place, "its .dbf lacks the published field(s) PCICBSA", "--allow-drift");
    }

    [Fact]
    public async Task Forty_junk_fields_are_refused_and_allowed_drift_adds_them()
    {
        var junk = Enumerable.Range(1, 40).Select(i => $"X{i:D3}Q").ToList();
        var run = await IntegrityCli.ReimportDamagedAsync(postgis, "dbf_junk", Place, "PLACE", zip => zip.AddDbfFields(junk, 3));

        IntegrityCli.AssertDataError(run, Place, "its .dbf has 40 fields the published table lacks (X001Q, X002Q", "over the 4 new columns");
        Assert.Equal(18L, await ColumnCountAsync("dbf_junk"));
    }

    [Fact]
    public async Task A_revert_of_allowed_drift_restores_the_columns_as_well_as_the_rows()
    {
        const string schema = "dbf_drift_revert";
        var junk = Enumerable.Range(1, 40).Select(i => $"X{i:D3}Q").ToList();
        var drift = await IntegrityCli.ReimportDamagedAsync(postgis, schema, Place, "PLACE", zip => zip.AddDbfFields(junk, 3), null, "--allow-drift");
        Assert.True(drift.ExitCode == 0, drift.Output);
        Assert.Equal(58L, await ColumnCountAsync(schema));
        var drifted = await TableChecksum.OfAsync(postgis, $"{schema}.place_2024");

        var revert = await CliProcess.RunAsync(postgis.Url, "revert", "--year", "2024", "--layers", "PLACE", "--schema", schema);

        Assert.True(revert.ExitCode == 0, revert.Output);
        Assert.Contains("dropped the column(s) the reverted publish had added: x001q, x002q", revert.Output);
        Assert.Equal(18L, await ColumnCountAsync(schema));
        Assert.Equal(drift.Before, await TableChecksum.OfAsync(postgis, $"{schema}.place_2024"));

        var again = await CliProcess.RunAsync(postgis.Url, "revert", "--year", "2024", "--layers", "PLACE", "--schema", schema);

        Assert.True(again.ExitCode == 0, again.Output);
        Assert.Equal(58L, await ColumnCountAsync(schema));
        Assert.Equal(drifted, await TableChecksum.OfAsync(postgis, $"{schema}.place_2024"));
    }

    [Fact]
    public async Task A_field_name_Census_would_not_write_is_refused()
    {
        var run = await IntegrityCli.ReimportDamagedAsync(postgis, "dbf_name", Place, "PLACE", zip => zip.AddDbfFields(["junk"], 3));

        IntegrityCli.AssertDataError(run, Place, "field name(s) Census does not write (JUNK");
    }

    [Fact]
    public async Task Latin1_bytes_under_a_UTF8_cpg_are_refused_naming_both()
    {
        var run = await IntegrityCli.ReimportDamagedAsync(postgis, "dbf_cpg_utf8", Place, "PLACE", zip => zip.SetDbfBytes(1, "NAME", Encoding.Latin1.GetBytes("Peñasco")));

        IntegrityCli.AssertDataError(run, Place, "record 1: field NAME holds bytes that are not UTF-8", "but its .cpg says UTF-8");
    }

    [Fact]
    public async Task UTF8_text_under_a_Latin1_cpg_is_refused_naming_both()
    {
        var run = await IntegrityCli.ReimportDamagedAsync(postgis, "dbf_cpg_latin1", Place, "PLACE", zip =>
        {
            zip.Replace(".cpg", "ISO-8859-1"u8.ToArray());
            zip.SetDbfBytes(1, "NAME", Encoding.UTF8.GetBytes("Peñasco"));
        });

        IntegrityCli.AssertDataError(run, Place, "record 1: field NAME holds text that is valid UTF-8 ('Peñasco'), but its .cpg says iso-8859-1 (read as 'PeÃ±asco')");
    }

    private Task<long> ColumnCountAsync(string schema) =>
        IntegrityCli.ScalarAsync<long>(postgis, $"SELECT count(*) FROM information_schema.columns WHERE table_schema = '{schema}' AND table_name = 'place_2024'");
}
