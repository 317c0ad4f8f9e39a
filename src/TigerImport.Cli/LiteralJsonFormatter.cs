using System.Globalization;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Compact;
using Serilog.Formatting.Display;
using Serilog.Formatting.Json;

namespace TigerImport.Cli;

/// <summary>
/// CLEF lines as <see cref="RenderedCompactJsonFormatter"/> writes them (<c>@t @m @i @l @x</c>, properties at the top
/// level), except that <c>@m</c> renders string properties without quotes, as the text log does (<c>:l</c>; ids and outcomes too):
/// "tigerimport import run … on 127.0.0.1:5432/db", not "tigerimport \"import\" run …". Every template gets this,
/// so no message needs its own <c>:l</c>.
/// </summary>
internal sealed class LiteralJsonFormatter : ITextFormatter
{
    private readonly MessageTemplateTextFormatter message = new("{Message:l}", CultureInfo.InvariantCulture);
    private readonly JsonValueFormatter values = new(typeTagName: "$type");

    public void Format(LogEvent logEvent, TextWriter output)
    {
        var rendered = new StringWriter(CultureInfo.InvariantCulture);
        message.Format(logEvent, rendered);
        output.Write("{\"@t\":\"");
        output.Write(logEvent.Timestamp.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        output.Write("\",\"@m\":");
        JsonValueFormatter.WriteQuotedJsonString(rendered.ToString(), output);
        output.Write(",\"@i\":\"");
        output.Write(EventIdHash.Compute(logEvent.MessageTemplate.Text).ToString("x8", CultureInfo.InvariantCulture));
        output.Write('"');
        // CLEF leaves @l out for Information, its default level.
        if (logEvent.Level != LogEventLevel.Information)
        {
            output.Write(",\"@l\":\"");
            output.Write(logEvent.Level);
            output.Write('"');
        }

        if (logEvent.Exception is not null)
        {
            output.Write(",\"@x\":");
            JsonValueFormatter.WriteQuotedJsonString(logEvent.Exception.ToString(), output);
        }

        foreach (var (key, value) in logEvent.Properties)
        {
            output.Write(',');
            // CLEF reserves the @ prefix: a property that starts with it is written with it doubled.
            JsonValueFormatter.WriteQuotedJsonString(key.StartsWith('@') ? "@" + key : key, output);
            output.Write(':');
            values.Format(value, output);
        }

        output.Write('}');
        output.WriteLine();
    }
}
