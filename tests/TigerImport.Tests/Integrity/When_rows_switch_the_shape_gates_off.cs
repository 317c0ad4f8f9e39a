using System.Globalization;
using TigerImport.Tests.Support;

namespace TigerImport.Tests.Integrity;

/// <summary>
/// Files whose rows are blanked or forged so that the shape gates would have nothing to compare, built in the test from
/// the real Census zips in ../shared (skipped without them) and run through the real executable against PostGIS:
/// tracts replaced by tiny triangles with ALAND/AWATER zero, blank or negative; EDGES rotated with their node ids
/// blanked or made unique per edge. Each is exit 4 naming the file and the gate, with nothing published. And one edge
/// moved within the budget is published as an exception naming that edge, not its honest neighbour.
/// </summary>
[Collection(PostgisCollection.Name)]
public sealed class When_rows_switch_the_shape_gates_off(PostgisServer postgis)
{
    private const string Tracts = "tl_2010_44_tract10.zip";
    private const string Edges = "tl_2020_37143_edges.zip";

    [Theory]
    [InlineData("tri_zero", "0", "0, 0")]
    [InlineData("tri_blank", "", "blank, blank")]
    [InlineData("tri_neg", "-1", "-1, -1")]
    public async Task Tracts_replaced_by_triangles_that_state_no_area_are_refused_by_shape_agreement(string schema, string area, string stated)
    {
        // Each a 0.002° triangle around its own internal point: the point agrees, only the area could tell.
        await IntegrityCli.AssertRefusedOnFirstLoadAsync(postgis, schema, Tracts, "TRACT", zip =>
        {
            zip.ReplaceShapes(record =>
            {
                var x = double.Parse(zip.DbfText(record, "INTPTLON10"), CultureInfo.InvariantCulture);
                var y = double.Parse(zip.DbfText(record, "INTPTLAT10"), CultureInfo.InvariantCulture);
                return [(x - 0.001, y - 0.001), (x, y + 0.001), (x + 0.001, y - 0.001), (x - 0.001, y - 0.001)];
            });
            for (var record = 1; record <= zip.RecordCount; record++)
            {
                zip.SetDbfValue(record, "ALAND10", area);
                zip.SetDbfValue(record, "AWATER10", area);
            }
        }, $"{Tracts}: plausibility gate 'shape-agreement' failed: 244 of its 244 features fail it", $"record 1: its ALAND, AWATER ({stated}) state no positive area");
    }

    [Fact]
    public async Task Edges_rotated_with_their_node_ids_blanked_are_refused_by_node_agreement()
    {
        await IntegrityCli.AssertRefusedOnFirstLoadAsync(postgis, "lie_blanknodes", Edges, "EDGES", zip =>
        {
            SetNodes(zip, _ => ("", ""));
            zip.RotateDbfRows();
        }, $"{Edges}: plausibility gate 'node-agreement' failed: 3260 of its 3260 features fail it", "record 1: its TNIDF and TNIDT name no node");
    }

    [Fact]
    public async Task Edges_rotated_with_a_fresh_node_pair_each_are_refused_by_node_agreement()
    {
        await IntegrityCli.AssertRefusedOnFirstLoadAsync(postgis, "lie_uniquenodes", Edges, "EDGES", zip =>
        {
            SetNodes(zip, record => ($"{90_000_000 + (2 * record)}", $"{90_000_001 + (2 * record)}"));
            zip.RotateDbfRows();
        }, $"{Edges}: plausibility gate 'node-agreement' failed: only 0 of its 6520 edge ends lie at a node another edge shares, fewer than 25%");
    }

    [Fact]
    public async Task One_edge_moved_is_the_one_exception_and_the_warning_names_it()
    {
        using var folder = IntegrityCli.WithFile(Edges);
        var path = Path.Combine(folder.Path, Edges);
        var zip = ShapefileZip.Read(path);
        zip.MovePoints((x, y) => (x + 0.01, y), only: 51);
        zip.Write(path);

        var (exitCode, output) = await IntegrityCli.ImportAsync(postgis, folder.Path, "lie_oneedge", "EDGES");

        Assert.True(exitCode == 0, output);
        Assert.Contains($"{Edges}: plausibility gate node-agreement let 1 feature(s) through as exceptions, within the budget of 3; the first, record 51: its start", output);
        Assert.Contains("EDGES 2020: 1 feature(s) published as plausibility exceptions", output);
    }

    private static void SetNodes(ShapefileZip zip, Func<int, (string From, string To)> nodes)
    {
        for (var record = 1; record <= zip.RecordCount; record++)
        {
            var (from, to) = nodes(record);
            zip.SetDbfValue(record, "TNIDF", from);
            zip.SetDbfValue(record, "TNIDT", to);
        }
    }
}
