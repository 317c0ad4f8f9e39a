using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Extensions.Logging;
using Serilog.Formatting.Compact;

namespace TigerImport.Cli;

/// <summary>
/// Serilog as the one logging provider: compact JSON lines on stdout (CLEF, which CloudWatch Logs Insights queries
/// by property) when not on a terminal, readable lines on stderr when on one. The library and Npgsql log through the
/// same <see cref="ILoggerFactory"/>.
/// </summary>
internal sealed class Logging : IDisposable
{
    private Logging(Serilog.Core.Logger logger, bool isJson)
    {
        Serilog = logger;
        IsJson = isJson;
        Factory = new SerilogLoggerFactory(logger);
    }

    public Serilog.Core.Logger Serilog { get; }

    public ILoggerFactory Factory { get; }

    /// <summary>True when stdout carries JSON lines only (the summary is then a log event, not a table).</summary>
    public bool IsJson { get; }

    public static Logging Create(string? format)
    {
        var isJson = format?.ToLowerInvariant() switch
        {
            "json" => true,
            "text" => false,
            null or "" or "auto" => Console.IsOutputRedirected,
            _ => throw new TigerImportException(FailureKind.Usage, $"--log-format must be auto, json or text; got '{format}'."),
        };
        var configuration = new LoggerConfiguration()
            .MinimumLevel.Information()
            .MinimumLevel.Override("Npgsql", global::Serilog.Events.LogEventLevel.Warning)
            .Enrich.FromLogContext();
        configuration = isJson
            ? configuration.WriteTo.Console(new RenderedCompactJsonFormatter())
            : configuration.WriteTo.Console(
                outputTemplate: "{Timestamp:HH:mm:ss} {Level:u3} {Message:lj}{NewLine}{Exception}",
                standardErrorFromLevel: global::Serilog.Events.LogEventLevel.Verbose);
        return new Logging(configuration.CreateLogger(), isJson);
    }

    public void Dispose()
    {
        Factory.Dispose();
        Serilog.Dispose();
    }
}
