using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Extensions.Logging;
using TigerImport.Import;

namespace TigerImport.Cli;

/// <summary>
/// Serilog as the one logging provider: compact JSON lines on stdout (CLEF, which CloudWatch Logs Insights queries
/// by property) when not on a terminal, readable lines on stderr when on one; on stderr in both formats when a verb
/// prints a document on stdout (<c>--json</c>), so stdout holds that document only. The library and Npgsql log through the
/// same <see cref="ILoggerFactory"/>. Also picks what watches an import: EMF metrics in JSON mode, a live progress
/// line when stdout is a terminal, nothing otherwise.
/// </summary>
internal sealed class LogOutput : IDisposable
{
    private const string TextTemplate = "{Timestamp:HH:mm:ss} {Level:u3} {Message:l}{NewLine}{Exception}";

    private LogOutput(Serilog.Core.Logger logger, bool isJson, IImportObserver? observer)
    {
        Logger = logger;
        IsJson = isJson;
        Observer = observer;
        Factory = new SerilogLoggerFactory(logger);
    }

    /// <summary>The Serilog logger behind <see cref="Factory"/> and the EMF records; disposing it flushes the sinks.</summary>
    public Serilog.Core.Logger Logger { get; }

    public ILoggerFactory Factory { get; }

    /// <summary>True when stdout carries JSON lines only (the summary is then a log event, not a table).</summary>
    public bool IsJson { get; }

    /// <summary>What an import reports its progress to: <see cref="EmfMetrics"/>, <see cref="ProgressLine"/> or nothing.</summary>
    public IImportObserver? Observer { get; }

    /// <param name="documentOnStdout">The verb prints a document on stdout (<c>status --json</c>): every log line goes to stderr.</param>
    public static LogOutput Create(string? format, bool documentOnStdout = false)
    {
        var isJson = format?.ToLowerInvariant() switch
        {
            "json" => true,
            "text" => false,
            null or "" or "auto" => Console.IsOutputRedirected,
            _ => throw new TigerImportException(FailureKind.Usage, $"--log-format must be auto, json or text; got '{format}'."),
        };
        var terminal = !isJson && !Console.IsOutputRedirected ? new TerminalStatus(TextTemplate) : null;
        var configuration = new LoggerConfiguration()
            .MinimumLevel.Information()
            .MinimumLevel.Override("Npgsql", Serilog.Events.LogEventLevel.Warning)
            .Enrich.FromLogContext();
        configuration = isJson
            ? configuration.WriteTo.Console(new LiteralJsonFormatter(), standardErrorFromLevel: documentOnStdout ? Serilog.Events.LogEventLevel.Verbose : null)
            : terminal is not null
                ? configuration.WriteTo.Sink(terminal)
                : configuration.WriteTo.Console(outputTemplate: TextTemplate, standardErrorFromLevel: Serilog.Events.LogEventLevel.Verbose);
        var logger = configuration.CreateLogger();
        IImportObserver? observer = isJson ? EmfMetrics.FromEnvironment(logger) : terminal is not null ? new ProgressLine(terminal) : null;
        return new LogOutput(logger, isJson, observer);
    }

    public void Dispose()
    {
        (Observer as IDisposable)?.Dispose();
        Factory.Dispose();
        Logger.Dispose();
    }
}
