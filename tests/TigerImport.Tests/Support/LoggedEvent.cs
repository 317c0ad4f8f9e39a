using Microsoft.Extensions.Logging;

namespace TigerImport.Tests.Support;

/// <summary>One captured log event: id, level, the rendered message and the structured properties.</summary>
internal sealed record LoggedEvent(int Id, LogLevel Level, string Message, IReadOnlyDictionary<string, object?> Properties);
