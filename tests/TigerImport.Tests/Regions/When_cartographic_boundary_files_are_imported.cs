using TigerImport.Import;
using TigerImport.Samples.Vintage2024;
using TigerImport.Tests.Support;

namespace TigerImport.Tests.Regions;

/// <summary>Cartographic boundary files import like TIGER/Line layers, into tables of their own.</summary>
[Collection(PostgisCollection.Name)]
public sealed class When_cartographic_boundary_files_are_imported(PostgisServer postgis)
{
    [Fact]
    public async Task A_folder_laid_out_like_Census_GENZ_tree_publishes_a_cb_table()
    {
        await using var db = postgis.CreateDataSource();
        using var folder = new TempFolder();
        var shp = Directory.CreateDirectory(Path.Combine(folder.Path, "GENZ2024", "shp")).FullName;
        File.Copy(Path.Combine(RepoPaths.Samples, RegionSampleSet2024.Folder, "cb_2024_us_cd119_500k.zip"), Path.Combine(shp, "cb_2024_us_cd119_500k.zip"));

        var summary = await TestImport.RunAsync(db, folder.Path, "cb_tree", 2024, "CB_CD_500K");

        var layer = Assert.Single(summary.Layers);
        Assert.Equal((LayerOutcome.Published, "cb_cd_2024_500k", 5L), (layer.Outcome, layer.Table.Split('.')[^1], layer.Loaded));
        Assert.Equal("Hawaii", await TestImport.ScalarAsync<string>(db, "SELECT state_name FROM cb_tree.cb_cd_2024_500k WHERE geoid = '1502'"));
    }

    [Theory]
    [InlineData("cb_2024_34_sldu_500k.zip", 2024, "CB_SLDU_500K", "NJ", 40)]
    [InlineData("cb_2018_us_cd116_20m.zip", 2018, "CB_CD_20M", null, 437)]
    [InlineData("cb_2020_us_state_20m.zip", 2020, "CB_STATE_20M", null, 52)]
    [InlineData("cb_2020_us_nation_20m.zip", 2020, "CB_NATION_20M", null, 1)]
    public async Task Every_real_cartographic_file_loads_every_feature(string file, int year, string layer, string? states, long features)
    {
        var genz = Path.Combine(RepoPaths.SharedTiger, "genz");
        Assert.SkipUnless(File.Exists(Path.Combine(genz, file)), $"{file} is not in {genz}: skipped.");
        await using var db = postgis.CreateDataSource();

        var summary = await TestImport.RunAsync(db, genz, "cb_real", year, layer, states);

        var result = Assert.Single(summary.Layers);
        Assert.True(result.Outcome == LayerOutcome.Published, result.Error);
        Assert.Equal((features, features), (result.Read, result.Loaded + result.Rejected));
        Assert.Equal(0L, await TestImport.ScalarAsync<long>(db, $"SELECT count(*) FROM {result.Table} WHERE NOT ST_IsValid(geom) OR ST_IsEmpty(geom)"));
    }
}
