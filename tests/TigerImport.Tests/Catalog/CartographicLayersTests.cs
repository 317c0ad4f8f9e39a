using Microsoft.Extensions.Logging.Abstractions;
using TigerImport.Catalog;
using TigerImport.Sources.Http;
using TigerImport.Tests.Support;

namespace TigerImport.Tests.Catalog;

public sealed class CartographicLayersTests
{
    [Theory]
    [InlineData(2019, "CB_PLACE_500K", "49", "GENZ2019/shp/cb_2019_49_place_500k.zip", "cb_place_2019_500k")]
    [InlineData(2024, "CB_CD_500K", "us", "GENZ2024/shp/cb_2024_us_cd119_500k.zip", "cb_cd_2024_500k")]
    [InlineData(2018, "CB_CD_20M", "us", "GENZ2018/shp/cb_2018_us_cd116_20m.zip", "cb_cd_2018_20m")]
    [InlineData(2022, "CB_CD_5M", "us", "GENZ2022/shp/cb_2022_us_cd118_5m.zip", "cb_cd_2022_5m")]
    [InlineData(2024, "CB_SLDU_500K", "34", "GENZ2024/shp/cb_2024_34_sldu_500k.zip", "cb_sldu_2024_500k")]
    [InlineData(2024, "CB_SLDL_500K", "24", "GENZ2024/shp/cb_2024_24_sldl_500k.zip", "cb_sldl_2024_500k")]
    [InlineData(2024, "CB_COUNTY_500K", "us", "GENZ2024/shp/cb_2024_us_county_500k.zip", "cb_county_2024_500k")]
    [InlineData(2020, "CB_STATE_20M", "us", "GENZ2020/shp/cb_2020_us_state_20m.zip", "cb_state_2020_20m")]
    [InlineData(2020, "CB_NATION_20M", "us", "GENZ2020/shp/cb_2020_us_nation_20m.zip", "cb_nation_2020_20m")]
    [InlineData(2013, "CB_STATE_500K", "us", "GENZ2013/cb_2013_us_state_500k.zip", "cb_state_2013_500k")]
    public void Names_cartographic_boundary_files_as_Census_does(int year, string layer, string scope, string censusPath, string table)
    {
        var vintage = TestSources.Layer(layer).InYear(year);

        Assert.Equal(censusPath, $"{vintage.CensusDirectory}/{vintage.FileName(scope)}");
        Assert.Equal(table, vintage.TableName);
        Assert.True(TigerFileName.TryParse(censusPath, out var parsed));
        Assert.Equal((year, layer, scope, censusPath), (parsed.Year, parsed.Layer.Key, parsed.ScopeCode, parsed.CensusPath));
    }

    [Fact]
    public void A_cartographic_file_is_never_taken_for_a_TIGER_Line_one_nor_the_other_way_round()
    {
        Assert.Equal("CD", TigerFileName.TryParse("tl_2024_35_cd119.zip", out var tiger) ? tiger.Layer.Key : null);
        Assert.Equal("CB_CD_20M", TigerFileName.TryParse("cb_2024_us_cd119_20m.zip", out var cb) ? cb.Layer.Key : null);
        Assert.False(TigerFileName.TryParse("tl_2024_us_cd119_500k.zip", out _));
        Assert.False(TigerFileName.TryParse("cb_2024_us_cd119.zip", out _));
        Assert.False(TigerFileName.TryParse("cb_2024_06_sldu_20m.zip", out _));
        Assert.False(TigerFileName.TryParse("cb_2012_us_state_500k.zip", out _));
        Assert.False(TigerFileName.TryParse("gz_2010_us_040_00_500k.zip", out _));
    }

    [Fact]
    public void Every_cartographic_layer_names_a_file_it_parses_back_in_every_vintage()
    {
        foreach (var layer in CartographicLayers.All)
        {
            for (var year = CartographicLayers.FirstYear; year <= 2025; year++)
            {
                var vintage = layer.InYear(year);
                var name = vintage.FileName(vintage.Scope == LayerScope.Nation ? "us" : "35");
                Assert.True(TigerFileName.TryParse(name, out var file), name);
                Assert.Equal(layer, file.Layer);
            }
        }
    }

    [Fact]
    public void A_cartographic_layer_before_2013_is_a_usage_error_and_all_means_TIGER_Line_only()
    {
        var error = Assert.Throws<TigerImportException>(() => ImportRequest.Parse("2012", "CB_STATE_500K", null, null));
        Assert.Equal(FailureKind.Usage, error.Kind);
        Assert.DoesNotContain(ImportRequest.Parse("2024", "all", null, null).Layers, l => l.IsCartographic);
        Assert.Equal("SLDL", TestSources.Layer("cb_sldl_500k").BaseKey);
    }

    [Fact]
    public void Census_and_a_mirror_serve_cartographic_files_from_the_GENZ_tree()
    {
        using var temp = new TempFolder();
        using var census = new HttpTigerSource(HttpTigerSource.CensusBaseUrl, TestSources.Options("census", temp.Path), NullLogger.Instance);
        using var mirror = TestSources.Http(new Uri("https://mirror.example.org/geo/tiger"), temp.Path);

        Assert.Equal("https://www2.census.gov/geo/tiger/GENZ2019/shp/cb_2019_49_place_500k.zip", census.UrlOf(TestSources.File("cb_2019_49_place_500k.zip")).AbsoluteUri);
        Assert.Equal("https://mirror.example.org/geo/tiger/GENZ2024/shp/cb_2024_us_cd119_500k.zip", mirror.UrlOf(TestSources.File("cb_2024_us_cd119_500k.zip")).AbsoluteUri);
    }

    [Fact]
    public async Task The_planner_reads_state_cartographic_files_from_a_listing_and_reports_Nebraska_as_normal()
    {
        var request = ImportRequest.Parse("2024", "CB_SLDL_500K,CB_CD_500K", "NJ,NE", null);
        string[] held = ["cb_2024_34_sldl_500k.zip", "cb_2024_us_sldl_500k.zip", "cb_2024_us_cd119_500k.zip", "tl_2024_34_sldl.zip"];

        var plans = await ImportPlanner.PlanAsync(request, (_, _) => Task.FromResult<IReadOnlyCollection<string>?>(held), TestContext.Current.CancellationToken);

        Assert.Equal(["cb_2024_34_sldl_500k.zip"], plans[0].Files.Select(f => f.FileName));
        Assert.Contains(plans[0].Notices, n => n.Contains("Nebraska", StringComparison.Ordinal));
        Assert.Empty(plans[0].Missing);
        Assert.Equal(["cb_2024_us_cd119_500k.zip"], plans[1].Files.Select(f => f.FileName));
    }
}
