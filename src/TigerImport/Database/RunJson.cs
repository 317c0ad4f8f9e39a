using System.Text.Json;
using System.Text.Json.Serialization;

namespace TigerImport.Database;

/// <summary>
/// The one JSON shape of run records: the journal's <c>request</c> and <c>summary</c> columns and <c>--report</c>
/// files. camelCase keys throughout, enums (outcome, failure) as their names, so a reader never decodes numbers.
/// </summary>
public static class RunJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };
}
