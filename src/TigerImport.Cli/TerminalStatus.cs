using System.Globalization;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace TigerImport.Cli;

/// <summary>
/// One live status line at the bottom of a terminal (stdout), kept intact while log lines (stderr) scroll above it:
/// every log line first clears the status line, then the status is drawn again under it. It is the text log's sink.
/// </summary>
internal sealed class TerminalStatus(string logTemplate) : ILogEventSink
{
    private const string ClearLine = "\r\e[2K";
    private readonly Lock gate = new();
    private readonly MessageTemplateTextFormatter formatter = new(logTemplate, CultureInfo.InvariantCulture);
    private string? shown;

    /// <summary>Replaces the status line, cut to the terminal's width (a wrapped line could not be redrawn in place).</summary>
    public void Show(string text)
    {
        lock (gate)
        {
            shown = Fit(text);
            Console.Out.Write(ClearLine + shown);
            Console.Out.Flush();
        }
    }

    /// <summary>Replaces the status line with a permanent line.</summary>
    public void Print(string line)
    {
        lock (gate)
        {
            shown = null;
            Console.Out.Write(ClearLine + line + Environment.NewLine);
            Console.Out.Flush();
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            if (shown is not null)
            {
                shown = null;
                Console.Out.Write(ClearLine);
                Console.Out.Flush();
            }
        }
    }

    private static string Fit(string text)
    {
        var width = Console.IsOutputRedirected ? int.MaxValue : Math.Max(Console.WindowWidth - 1, 20);
        return text.Length <= width ? text : text[..(width - 1)] + "…";
    }

    /// <summary>Writes a log event to stderr, above the status line.</summary>
    public void Emit(LogEvent logEvent)
    {
        var text = new StringWriter(CultureInfo.InvariantCulture);
        formatter.Format(logEvent, text);
        lock (gate)
        {
            if (shown is not null)
            {
                Console.Out.Write(ClearLine);
                Console.Out.Flush();
            }

            Console.Error.Write(text.ToString());
            Console.Error.Flush();
            if (shown is not null)
            {
                Console.Out.Write(shown);
                Console.Out.Flush();
            }
        }
    }
}
