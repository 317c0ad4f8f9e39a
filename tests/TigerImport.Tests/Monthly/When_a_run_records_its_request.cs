using System.Text.Json;
using System.Text.Json.Nodes;
using TigerImport.Catalog;
using TigerImport.Database;

namespace TigerImport.Tests.Monthly;

/// <summary>The journal's <c>request</c> column, written without reflection, is the document RunJson's serializer made of it.</summary>
public sealed class When_a_run_records_its_request
{
    public static TheoryData<string?, string?, string?> Requests => new()
    {
        { "census", null, null },
        { "/data/tiger \"quoted\" Doña Ana", "35,72", "35013" },
        { null, "15", null },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public void It_is_the_serializers_document(string? source, string? states, string? counties)
    {
        var layers = new[] { "EDGES", "FACES" }.Select(key => TigerLayers.TryFind(key, out var layer) ? layer : throw new InvalidOperationException(key)).ToList();
        var request = new ImportRequest(2024, layers, states?.Split(',').Select(UsStates.ByFips).ToList(), counties?.Split(','));

        var reference = JsonSerializer.Serialize(new
        {
            source,
            year = request.Year,
            layers = request.Layers.Select(l => l.Key),
            states = request.States?.Select(s => s.Fips),
            counties = request.Counties,
            schema = "tiger",
            Srid = 4326,
        }, RunJson.Options);

        var written = RunJournal.Describe(source, request, "tiger", 4326);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(reference), JsonNode.Parse(written)), $"{written} ≠ {reference}");
        Assert.Equal(reference, written);
    }
}
