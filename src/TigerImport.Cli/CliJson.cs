using System.Text.Json;
using System.Text.Json.Serialization;

namespace TigerImport.Cli;

/// <summary>How the verbs print JSON (<c>--json</c>): camelCase, enums by name, one line.</summary>
internal static class CliJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) } };
}
