using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace TigerImport.Tests.Support;

/// <summary>Keeps every log event with its id and properties, so tests can assert what an operator would read.</summary>
internal sealed class ListLogger : ILogger
{
    private readonly ConcurrentQueue<LoggedEvent> events = new();

    public IReadOnlyList<LoggedEvent> Events => events.ToList();

    public IReadOnlyList<LoggedEvent> WithId(int id) => Events.Where(e => e.Id == id).ToList();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var properties = state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
        events.Enqueue(new LoggedEvent(eventId.Id, logLevel, formatter(state, exception), properties.ToDictionary(p => p.Key, p => p.Value)));
    }
}
