using TigerImport.Catalog;
using TigerImport.Database;

namespace TigerImport.Tests.Attributes;

/// <summary>The attribute-only county tables are named as Census names them, and their tables have no geometry type.</summary>
public sealed class AttributeLayerCatalogTests
{
    [Theory]
    [InlineData(2024, "FEATNAMES", "06001", "TIGER2024/FEATNAMES/tl_2024_06001_featnames.zip", "featnames_2024")]
    [InlineData(2010, "FEATNAMES", "25001", "TIGER2010/FEATNAMES/tl_2010_25001_featnames.zip", "featnames_2010")]
    [InlineData(2024, "ADDR", "30059", "TIGER2024/ADDR/tl_2024_30059_addr.zip", "addr_2024")]
    [InlineData(2021, "ADDRFN", "30059", "TIGER2021/ADDRFN/tl_2021_30059_addrfn.zip", "addrfn_2021")]
    [InlineData(2015, "OTHERID", "35013", "TIGER2015/OTHERID/tl_2015_35013_otherid.zip", "otherid_2015")]
    [InlineData(2020, "FACESAH", "37143", "TIGER2020/FACESAH/tl_2020_37143_facesah.zip", "facesah_2020")]
    [InlineData(2023, "FACESAL", "72001", "TIGER2023/FACESAL/tl_2023_72001_facesal.zip", "facesal_2023")]
    [InlineData(2024, "FACESMIL", "06073", "TIGER2024/FACESMIL/tl_2024_06073_facesmil.zip", "facesmil_2024")]
    public void Names_the_county_files_as_Census_does_and_has_no_geometry(int year, string layer, string scope, string censusPath, string table)
    {
        Assert.True(TigerLayers.TryFind(layer.ToLowerInvariant(), out var found));
        var vintage = found.InYear(year);

        Assert.Equal(censusPath, $"{vintage.CensusDirectory}/{vintage.FileName(scope)}");
        Assert.True(TigerFileName.TryParse(censusPath, out var parsed));
        Assert.Equal((year, layer, scope, LayerScope.County), (parsed.Year, parsed.Layer.Key, parsed.ScopeCode, parsed.Scope));
        Assert.Equal(LayerGeometry.None, found.Geometry);
        Assert.False(found.KeyIsUnique);

        var target = new LayerTarget("tiger", vintage, 4326);
        Assert.Equal(table, target.Table);
        Assert.False(target.HasGeometry);
        Assert.Equal([LayerTarget.ScopeColumn], target.OwnColumns);
        Assert.Contains("attribute-only", Assert.Throws<InvalidOperationException>(() => target.GeometryType).Message);
    }

    [Fact]
    public void The_seven_are_the_attribute_only_layers_and_all_asks_for_them()
    {
        string[] keys = ["FEATNAMES", "ADDR", "ADDRFN", "OTHERID", "FACESAH", "FACESAL", "FACESMIL"];

        Assert.Equal(keys, TigerLayers.All.Where(l => l.Geometry == LayerGeometry.None).Select(l => l.Key));
        Assert.Subset(ImportRequest.Parse("2024", "all", null, null).Layers.Select(l => l.Key).ToHashSet(), keys.ToHashSet());
    }
}
