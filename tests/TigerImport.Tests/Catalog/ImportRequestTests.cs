using TigerImport.Catalog;

namespace TigerImport.Tests.Catalog;

public sealed class ImportRequestTests
{
    [Fact]
    public void Reads_layers_states_and_counties_in_any_case_and_code()
    {
        var request = ImportRequest.Parse("2024", "place, edges,ZCTA5", "nm,72", null);
        var counties = ImportRequest.Parse("2024", "edges,roads", "nm", "35013");

        Assert.Equal(["PLACE", "EDGES", "ZCTA520"], request.Layers.Select(l => l.Key));
        Assert.Equal(["35", "72"], request.States!.Select(s => s.Fips));
        Assert.Equal(["35013"], counties.Counties!);
    }

    [Theory]
    [InlineData("2024", "TRACTS", null, null, "Unknown layer 'TRACTS'")]
    [InlineData("2024", "TRACT", "XX", null, "Unknown state 'XX'")]
    [InlineData("2024", "EDGES", null, "3501", "Unknown county '3501'")]
    [InlineData("2024", "EDGES", "NM", "06001", "outside the states")]
    [InlineData("2024", "EDGES,TRACT", "NM", "35013", "TRACT is published per state or for the nation")]
    [InlineData("2020", "CD", null, "35013", "CD is published per state or for the nation")]
    [InlineData("2009", "TRACT", null, null, "--year")]
    [InlineData(null, "TRACT", null, null, "--year")]
    [InlineData("2024", "", null, null, "--layers")]
    public void Anything_unknown_is_a_usage_error(string? year, string? layers, string? states, string? counties, string message)
    {
        var error = Assert.Throws<TigerImportException>(() => ImportRequest.Parse(year, layers, states, counties));
        Assert.Equal(FailureKind.Usage, error.Kind);
        Assert.Contains(message, error.Message);
    }
}
