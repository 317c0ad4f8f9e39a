using TigerImport.Catalog;

namespace TigerImport.Tests.Catalog;

/// <summary>
/// The catalog against Census's own layout, layer by layer, for a sample of vintages (2010, 2012, 2015, 2020, 2024,
/// 2025): the paths below geo/tiger/ as Census, tigris and the PostGIS tiger loader name them.
/// </summary>
public sealed class CatalogCensusNamingTests
{
    [Theory]
    [InlineData(2010, "TABBLOCK", "25", "TIGER2010/TABBLOCK/2010/tl_2010_25_tabblock10.zip")]
    [InlineData(2012, "TABBLOCK", "25", "TIGER2012/TABBLOCK/tl_2012_25_tabblock.zip")]
    [InlineData(2015, "TABBLOCK", "25", "TIGER2015/TABBLOCK/tl_2015_25_tabblock10.zip")]
    [InlineData(2020, "TABBLOCK20", "25", "TIGER2020/TABBLOCK20/tl_2020_25_tabblock20.zip")]
    [InlineData(2024, "TABBLOCK20", "25", "TIGER2024/TABBLOCK20/tl_2024_25_tabblock20.zip")]
    [InlineData(2025, "TABBLOCK20", "25", "TIGER2025/TABBLOCK20/tl_2025_25_tabblock20.zip")]
    [InlineData(2010, "VTD", "25", "TIGER2010/VTD/2010/tl_2010_25_vtd10.zip")]
    [InlineData(2012, "VTD", "25", "TIGER2012/VTD/tl_2012_25_vtd10.zip")]
    [InlineData(2020, "VTD20", "25", "TIGER2020PL/LAYER/VTD/2020/tl_2020_25_vtd20.zip")]
    [InlineData(2010, "ELSD", "25", "TIGER2010/ELSD/2010/tl_2010_25_elsd10.zip")]
    [InlineData(2015, "SCSD", "25", "TIGER2015/SCSD/tl_2015_25_scsd.zip")]
    [InlineData(2024, "UNSD", "35", "TIGER2024/UNSD/tl_2024_35_unsd.zip")]
    [InlineData(2012, "UAC", "us", "TIGER2012/UAC/tl_2012_us_uac10.zip")]
    [InlineData(2020, "UAC", "us", "TIGER2020/UAC/tl_2020_us_uac10.zip")]
    [InlineData(2020, "UAC20", "us", "TIGER2020/UAC/tl_2020_us_uac20.zip")]
    [InlineData(2024, "UAC20", "us", "TIGER2024/UAC20/tl_2024_us_uac20.zip")]
    [InlineData(2015, "PUMA", "25", "TIGER2015/PUMA/tl_2015_25_puma10.zip")]
    [InlineData(2020, "PUMA", "25", "TIGER2020/PUMA/tl_2020_25_puma10.zip")]
    [InlineData(2022, "PUMA20", "25", "TIGER2022/PUMA/tl_2022_25_puma20.zip")]
    [InlineData(2024, "PUMA20", "25", "TIGER2024/PUMA20/tl_2024_25_puma20.zip")]
    [InlineData(2010, "CBSA", "us", "TIGER2010/CBSA/2010/tl_2010_us_cbsa10.zip")]
    [InlineData(2015, "CBSA", "us", "TIGER2015/CBSA/tl_2015_us_cbsa.zip")]
    [InlineData(2024, "CSA", "us", "TIGER2024/CSA/tl_2024_us_csa.zip")]
    [InlineData(2020, "METDIV", "us", "TIGER2020/METDIV/tl_2020_us_metdiv.zip")]
    [InlineData(2015, "NECTA", "us", "TIGER2015/NECTA/tl_2015_us_necta.zip")]
    [InlineData(2012, "CNECTA", "us", "TIGER2012/CNECTA/tl_2012_us_cnecta.zip")]
    [InlineData(2020, "NECTADIV", "us", "TIGER2020/NECTADIV/tl_2020_us_nectadiv.zip")]
    [InlineData(2024, "AIANNH", "us", "TIGER2024/AIANNH/tl_2024_us_aiannh.zip")]
    [InlineData(2012, "AITSN", "us", "TIGER2012/AITS/tl_2012_us_aitsn.zip")]
    [InlineData(2015, "AITSN", "us", "TIGER2015/AITSN/tl_2015_us_aitsn.zip")]
    [InlineData(2024, "ANRC", "02", "TIGER2024/ANRC/tl_2024_02_anrc.zip")]
    [InlineData(2020, "TBG", "us", "TIGER2020/TBG/tl_2020_us_tbg.zip")]
    [InlineData(2025, "TTRACT", "us", "TIGER2025/TTRACT/tl_2025_us_ttract.zip")]
    [InlineData(2024, "CONCITY", "13", "TIGER2024/CONCITY/tl_2024_13_concity.zip")]
    [InlineData(2012, "PRIMARYROADS", "us", "TIGER2012/PRIMARYROADS/tl_2012_us_primaryroads.zip")]
    [InlineData(2024, "PRISECROADS", "35", "TIGER2024/PRISECROADS/tl_2024_35_prisecroads.zip")]
    [InlineData(2020, "RAILS", "us", "TIGER2020/RAILS/tl_2020_us_rails.zip")]
    [InlineData(2024, "POINTLM", "35", "TIGER2024/POINTLM/tl_2024_35_pointlm.zip")]
    [InlineData(2015, "AREALM", "35", "TIGER2015/AREALM/tl_2015_35_arealm.zip")]
    [InlineData(2024, "MIL", "us", "TIGER2024/MIL/tl_2024_us_mil.zip")]
    [InlineData(2015, "COASTLINE", "us", "TIGER2015/COAST/tl_2015_us_coastline.zip")]
    [InlineData(2020, "COASTLINE", "us", "TIGER2020/COASTLINE/tl_2020_us_coastline.zip")]
    [InlineData(2024, "ESTATE", "78", "TIGER2024/ESTATE/tl_2024_78_estate.zip")]
    [InlineData(2024, "SUBBARRIO", "72", "TIGER2024/SUBBARRIO/tl_2024_72_subbarrio.zip")]
    [InlineData(2015, "SUBMCD", "72", "TIGER2015/SUBMCD/tl_2015_72_submcd.zip")]
    [InlineData(2025, "CD", "48", "TIGER2025/CD/tl_2025_48_cd119.zip")]
    [InlineData(2012, "ZCTA520", "us", "TIGER2012/ZCTA5/tl_2012_us_zcta510.zip")]
    [InlineData(2025, "FACES", "35013", "TIGER2025/FACES/tl_2025_35013_faces.zip")]
    [InlineData(2010, "CSA", "us", "TIGER2010/CSA/2010/tl_2010_us_csa10.zip")]
    [InlineData(2010, "METDIV", "us", "TIGER2010/METDIV/2010/tl_2010_us_metdiv10.zip")]
    [InlineData(2010, "NECTA", "us", "TIGER2010/NECTA/2010/tl_2010_us_necta10.zip")]
    [InlineData(2010, "CNECTA", "us", "TIGER2010/CNECTA/2010/tl_2010_us_cnecta10.zip")]
    [InlineData(2010, "NECTADIV", "us", "TIGER2010/NECTADIV/2010/tl_2010_us_nectadiv10.zip")]
    [InlineData(2010, "ANRC", "02", "TIGER2010/ANRC/2010/tl_2010_02_anrc10.zip")]
    [InlineData(2010, "AITSN", "us", "TIGER2010/AITS/2010/tl_2010_us_aitsn10.zip")]
    [InlineData(2010, "TBG", "us", "TIGER2010/TBG/2010/tl_2010_us_tbg10.zip")]
    [InlineData(2010, "TTRACT", "us", "TIGER2010/TTRACT/2010/tl_2010_us_ttract10.zip")]
    [InlineData(2022, "SDADM", "50", "TIGER2022/SDADM/tl_2022_50_sdadm.zip")]
    [InlineData(2024, "SDADM", "25", "TIGER2024/SDADM/tl_2024_25_sdadm.zip")]
    public void Names_each_layer_as_Census_does(int year, string layer, string scope, string censusPath)
    {
        Assert.True(TigerLayers.TryFind(layer, out var found));
        var vintage = found.InYear(year);

        Assert.Equal(censusPath, $"{vintage.CensusDirectory}/{vintage.FileName(scope)}");
        Assert.True(TigerFileName.TryParse(censusPath, out var parsed));
        Assert.Equal((year, layer, scope), (parsed.Year, parsed.Layer.Key, parsed.ScopeCode));
        Assert.Equal(censusPath, parsed.CensusPath);
        Assert.Equal($"{layer.ToLowerInvariant()}_{year}", vintage.TableName.Replace("zcta510", "zcta520", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("VTD", 2015)]
    [InlineData("VTD20", 2024)]
    [InlineData("TABBLOCK", 2020)]
    [InlineData("TABBLOCK20", 2015)]
    [InlineData("CSA", 2022)]
    [InlineData("NECTA", 2024)]
    [InlineData("UAC", 2024)]
    [InlineData("PUMA20", 2020)]
    [InlineData("SUBBARRIO", 2015)]
    public void A_layer_is_not_named_in_a_vintage_Census_did_not_publish_it(string key, int year)
    {
        Assert.True(TigerLayers.TryFind(key, out var layer));
        Assert.False(layer.IsPublishedIn(year));
        Assert.DoesNotContain(layer, TigerLayers.PublishedIn(year));
        var error = Assert.Throws<TigerImportException>(() => ImportRequest.Parse(year.ToString(System.Globalization.CultureInfo.InvariantCulture), key, null, null));
        Assert.Equal(FailureKind.Usage, error.Kind);
        Assert.Contains($"Census publishes {key}", error.Message, StringComparison.Ordinal);
        Assert.Contains(layer.Years, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_layer_is_one_row_with_a_unique_key_and_a_file_per_published_year()
    {
        Assert.Equal(TigerLayers.All.Count, TigerLayers.All.Select(l => l.Key).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        foreach (var layer in TigerLayers.All)
        {
            Assert.NotEmpty(layer.Eras);
            Assert.Equal(TigerLayers.FirstYear, TigerLayers.All.Min(l => l.FirstYear));
            foreach (var (a, b) in layer.Eras.Zip(layer.Eras.Skip(1)))
            {
                Assert.True(a.To < b.From, $"{layer.Key}: eras {a} and {b} overlap or are out of order");
            }
        }

        // Every file token of a vintage belongs to one layer only, so a listed name is never two layers' file.
        for (var year = TigerLayers.FirstYear; year <= TigerLayers.LastYear; year++)
        {
            var tokens = TigerLayers.PublishedIn(year).Select(l => l.InYear(year)).Select(v => (v.PublishedIn, v.Token)).ToList();
            Assert.Equal(tokens.Count, tokens.Distinct().Count());
        }
    }

    [Fact]
    public void All_means_every_layer_of_the_year()
    {
        var layers = ImportRequest.Parse("2020", "all", null, null).Layers.Select(l => l.Key).ToList();

        Assert.Contains("TABBLOCK20", layers);
        Assert.Contains("VTD20", layers);
        Assert.Contains("POINTLM", layers);
        Assert.DoesNotContain("TABBLOCK", layers);
        Assert.DoesNotContain("VTD", layers);
    }

    [Fact]
    public async Task A_single_state_layer_plans_only_its_state_and_tells_why_the_others_have_none()
    {
        var plans = await ImportPlanner.PlanAsync(ImportRequest.Parse("2024", "ANRC", "AK,NM", null), (_, _) => Task.FromResult<IReadOnlyCollection<string>?>(null), TestContext.Current.CancellationToken);

        var plan = Assert.Single(plans);
        Assert.Equal(["tl_2024_02_anrc.zip"], plan.Files.Select(f => f.FileName));
        Assert.Contains(plan.Notices, n => n.Contains("New Mexico (35)", StringComparison.Ordinal) && n.Contains("Alaska (02) only", StringComparison.Ordinal));

        var unnamed = await ImportPlanner.PlanAsync(ImportRequest.Parse("2024", "ESTATE", null, null), (_, _) => Task.FromResult<IReadOnlyCollection<string>?>(null), TestContext.Current.CancellationToken);
        Assert.Equal(["tl_2024_78_estate.zip"], Assert.Single(unnamed).Files.Select(f => f.FileName));
        Assert.Contains(Assert.Single(unnamed).Notices, n => n.Contains("unconfirmed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_listing_decides_a_layer_whose_naming_the_catalog_has_not_confirmed()
    {
        IReadOnlyCollection<string> listing = ["tl_2010_25_vtd10.zip", "tl_2010_25001_vtd10.zip"];
        var plans = await ImportPlanner.PlanAsync(ImportRequest.Parse("2010", "VTD", "25", null), (_, _) => Task.FromResult<IReadOnlyCollection<string>?>(listing), TestContext.Current.CancellationToken);

        var plan = Assert.Single(plans);
        Assert.Equal(["tl_2010_25_vtd10.zip"], plan.Files.Select(f => f.FileName));
        Assert.DoesNotContain(plan.Notices, n => n.Contains("unconfirmed", StringComparison.Ordinal));

        IReadOnlyCollection<string> other = ["tl_2010_25_vtd2010.zip"];
        var missing = Assert.Single(await ImportPlanner.PlanAsync(ImportRequest.Parse("2010", "VTD", "25", null), (_, _) => Task.FromResult<IReadOnlyCollection<string>?>(other), TestContext.Current.CancellationToken));
        Assert.Empty(missing.Files);
        Assert.Equal(["tl_2010_25_vtd10.zip (Massachusetts)"], missing.Missing);
        Assert.Equal(["tl_2010_25_vtd2010.zip"], missing.Unrecognized);
    }

    [Fact]
    public void Layers_named_without_a_year_are_any_of_their_vintages()
    {
        Assert.Equal(["VTD", "TABBLOCK"], ImportRequest.LayersNamed("vtd, TABBLOCK").Select(l => l.Key));
        Assert.Equal(FailureKind.Usage, Assert.Throws<TigerImportException>(() => ImportRequest.LayersNamed("VTD30")).Kind);
    }
}
