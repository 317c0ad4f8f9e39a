using TigerImport.Catalog;

namespace TigerImport.Tests.Catalog;

public sealed class TigerFileNameTests
{
    [Theory]
    [InlineData(2010, "TRACT", "25", "TIGER2010/TRACT/2010/tl_2010_25_tract10.zip")]
    [InlineData(2010, "STATE", "us", "TIGER2010/STATE/2010/tl_2010_us_state10.zip")]
    [InlineData(2010, "CD", "us", "TIGER2010/CD/111/tl_2010_us_cd111.zip")]
    [InlineData(2010, "ZCTA520", "us", "TIGER2010/ZCTA5/2010/tl_2010_us_zcta510.zip")]
    [InlineData(2010, "EDGES", "25001", "TIGER2010/EDGES/tl_2010_25001_edges.zip")]
    [InlineData(2015, "ZCTA520", "us", "TIGER2015/ZCTA5/tl_2015_us_zcta510.zip")]
    [InlineData(2020, "CD", "us", "TIGER2020/CD/tl_2020_us_cd116.zip")]
    [InlineData(2020, "ZCTA520", "us", "TIGER2020/ZCTA520/tl_2020_us_zcta520.zip")]
    [InlineData(2022, "CD", "48", "TIGER2022/CD/tl_2022_48_cd118.zip")]
    [InlineData(2024, "CD", "48", "TIGER2024/CD/tl_2024_48_cd119.zip")]
    [InlineData(2024, "SLDL", "06", "TIGER2024/SLDL/tl_2024_06_sldl.zip")]
    [InlineData(2024, "ADDRFEAT", "30059", "TIGER2024/ADDRFEAT/tl_2024_30059_addrfeat.zip")]
    public void Names_files_as_Census_does(int year, string layer, string scope, string censusPath)
    {
        Assert.True(TigerLayers.TryFind(layer, out var found));
        var vintage = found.InYear(year);

        Assert.Equal(censusPath, $"{vintage.CensusDirectory}/{vintage.FileName(scope)}");
        Assert.True(TigerFileName.TryParse(censusPath, out var parsed));
        Assert.Equal((year, layer, scope), (parsed.Year, parsed.Layer.Key, parsed.ScopeCode));
        Assert.Equal(censusPath, parsed.CensusPath);
    }

    public static TheoryData<string, int> EveryLayerAndVintage()
    {
        var data = new TheoryData<string, int>();
        foreach (var layer in TigerLayers.All)
        {
            for (var year = TigerLayers.FirstYear; year <= 2025; year++)
            {
                if (layer.IsPublishedIn(year))
                {
                    data.Add(layer.Key, year);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryLayerAndVintage))]
    public void Every_layer_and_vintage_parses_back_to_itself(string layerKey, int year)
    {
        Assert.True(TigerLayers.TryFind(layerKey, out var layer));
        var vintage = layer.InYear(year);
        var state = layer.States?[0] ?? "35";
        var scope = vintage.Scope switch { LayerScope.Nation => "us", LayerScope.State => state, _ => state + "013" };

        Assert.True(TigerFileName.TryParse(vintage.FileName(scope), out var file));
        Assert.Same(layer, file.Layer);
        Assert.Equal(year, file.Year);
        Assert.Equal(vintage.Scope, file.Scope);
        Assert.Equal(vintage.TableName, file.Vintage.TableName);
        Assert.Matches("^[a-z0-9]+_[0-9]{4}$", vintage.TableName);
    }

    [Theory]
    [InlineData("tl_2024_us_unknownlayer.zip")]
    [InlineData("tl_2024_99_place.zip")]
    [InlineData("tl_2009_25_tract00.zip")]
    [InlineData("tl_2024_25_place.shp")]
    [InlineData("readme.zip")]
    public void Rejects_what_is_not_a_known_TIGER_file(string name) => Assert.False(TigerFileName.TryParse(name, out _));

    [Fact]
    public void A_CD_file_of_any_congress_is_the_CD_layer() =>
        Assert.Equal("CD", TigerFileName.TryParse("tl_2026_06_cd120.zip", out var file) ? file.Layer.Key : null);

    [Fact]
    public void ZCTA_tables_are_named_by_their_census_vintage()
    {
        Assert.True(TigerLayers.TryFind("zcta510", out var zcta));
        Assert.Equal("zcta510_2019", zcta.InYear(2019).TableName);
        Assert.Equal("zcta520_2020", zcta.InYear(2020).TableName);
        Assert.Equal("cd_2024", TigerLayers.All.Single(l => l.Key == "CD").InYear(2024).TableName);
    }
}
