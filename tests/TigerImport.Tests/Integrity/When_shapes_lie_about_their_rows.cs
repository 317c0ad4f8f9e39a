using System.Globalization;
using System.Text.Json;
using TigerImport.Tests.Support;

namespace TigerImport.Tests.Integrity;

/// <summary>
/// Files whose shapes lie about their rows on a first load, built in the test from a sample or a real Census zip
/// (skipped without ../shared) and run through the real executable against PostGIS: a polygon file stripped of the
/// fields its shapes are checked by, an EDGES file stripped of its node ids, a three-state file with one state moved,
/// EDGES shapes rotated or moved within their county. Each is exit 4 naming the file and the gate, with nothing
/// published; a lie within the exception budget is published, logged, summarised and counted in the report.
/// </summary>
[Collection(PostgisCollection.Name)]
public sealed class When_shapes_lie_about_their_rows(PostgisServer postgis)
{
    private const string Place = "tl_2024_35_place.zip";
    private const string State = "tl_2024_us_state.zip";
    private const string Edges = "tl_2024_35013_edges.zip";
    private const string RealEdges = "tl_2020_37143_edges.zip";

    private Task AssertRefusedOnFirstLoadAsync(string schema, string file, string layer, Action<ShapefileZip> lie, params string[] causes) =>
        IntegrityCli.AssertRefusedOnFirstLoadAsync(postgis, schema, file, layer, lie, causes);

    [Fact]
    public async Task A_polygon_file_without_its_area_and_internal_point_and_rows_rotated_is_refused_by_shape_fields()
    {
        await AssertRefusedOnFirstLoadAsync("lie_nofields", Place, "PLACE", zip =>
        {
            foreach (var field in new[] { "INTPTLAT", "INTPTLON", "ALAND", "AWATER" })
            {
                zip.RemoveDbfField(field);
            }

            zip.RotateDbfRows();
        }, $"{Place}: plausibility gate 'shape-fields' failed: its .dbf lacks ALAND, AWATER, INTPTLAT, INTPTLON, which every TIGER/Line PLACE file carries");
    }

    [Fact]
    public async Task A_2010_tract_file_without_one_suffixed_field_is_refused_by_shape_fields()
    {
        await AssertRefusedOnFirstLoadAsync("lie_noaland", "tl_2010_44_tract10.zip", "TRACT", zip => zip.RemoveDbfField("ALAND10"),
            "plausibility gate 'shape-fields' failed: its .dbf lacks ALAND, which every TIGER/Line TRACT file carries");
    }

    [Fact]
    public async Task An_edges_file_without_its_node_ids_is_refused_by_shape_fields()
    {
        await AssertRefusedOnFirstLoadAsync("lie_notnid", Edges, "EDGES", zip =>
        {
            zip.RemoveDbfField("TNIDF");
            zip.RemoveDbfField("TNIDT");
        }, $"{Edges}: plausibility gate 'shape-fields' failed: its .dbf lacks TNIDF, TNIDT, which every TIGER/Line EDGES file carries");
    }

    [Fact]
    public async Task One_state_moved_in_a_three_state_file_is_refused_with_no_exception_allowed()
    {
        // Puerto Rico a degree east: still in the nation, no longer where its row (STATEFP 72, internal point) says.
        await AssertRefusedOnFirstLoadAsync("lie_onestate", State, "STATE", zip => zip.MovePoints((x, y) => (x + 1, y), only: 3),
            "1 of its 3 features fail it, more than the 0 allowed (0.1%); the first, record 3");
    }

    [Fact]
    public async Task Edges_rotated_against_their_rows_within_the_county_are_refused_by_node_agreement()
    {
        await AssertRefusedOnFirstLoadAsync("lie_edgerot", Edges, "EDGES", zip => zip.RotateDbfRows(),
            $"{Edges}: plausibility gate 'node-agreement' failed");
    }

    [Fact]
    public async Task Real_edges_rotated_against_their_rows_are_refused_by_node_agreement()
    {
        await AssertRefusedOnFirstLoadAsync("lie_realrot", RealEdges, "EDGES", zip => zip.RotateDbfRows(),
            $"{RealEdges}: plausibility gate 'node-agreement' failed");
    }

    [Fact]
    public async Task One_edge_moved_off_the_node_it_shares_is_refused_naming_the_node()
    {
        // Record 2 (I-10) starts at node 20115002, where records 1 and 3 meet; a hundredth of a degree north it starts elsewhere.
        await AssertRefusedOnFirstLoadAsync("lie_edgemove", Edges, "EDGES", zip => zip.MovePoints((x, y) => (x, y + 0.01), only: 2),
            "plausibility gate 'node-agreement' failed: 1 of its 17 features fail it, more than the 0 allowed (0.1%); the first, record 2: its start -106.765,32.31 is not where node 20115002 (TNIDF) lies, -106.765,32.3, where 2 of its 3 edge ends put it (record 1 the first)");
    }

    [Fact]
    public async Task An_exception_within_the_budget_is_published_logged_summarised_and_reported()
    {
        // 1,478 tracts allow one exception (0.1%): record 5's internal point a degree north, outside its tract.
        const string tract = "tl_2010_25_tract10.zip";
        using var folder = IntegrityCli.WithFile(tract);
        var path = Path.Combine(folder.Path, tract);
        var zip = ShapefileZip.Read(path);
        var latitude = double.Parse(zip.DbfText(5, "INTPTLAT10"), CultureInfo.InvariantCulture) + 1;
        zip.SetDbfValue(5, "INTPTLAT10", latitude.ToString("+00.0000000;-00.0000000", CultureInfo.InvariantCulture));
        zip.Write(path);
        var report = Path.Combine(folder.Path, "report.json");

        var (exitCode, output) = await IntegrityCli.ImportAsync(postgis, folder.Path, "lie_within", "TRACT", ["--report", report]);

        Assert.True(exitCode == 0, output);
        Assert.Contains($"{tract}: plausibility gate shape-agreement let 1 feature(s) through as exceptions, within the budget of 1; the first, record 5: its internal point", output);
        Assert.Contains("TRACT 2010: 1 feature(s) published as plausibility exceptions", output);
        Assert.Equal(1478L, await IntegrityCli.ScalarAsync<long>(postgis, "SELECT count(*) FROM lie_within.tract_2010"));
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(report, TestContext.Current.CancellationToken));
        var layer = json.RootElement.GetProperty("layers")[0];
        Assert.Equal(1, layer.GetProperty("exceptions").GetInt64());
        Assert.Equal(1, layer.GetProperty("files")[0].GetProperty("exceptions").GetInt64());
    }
}
