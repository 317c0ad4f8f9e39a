namespace TigerImport.Cli;

/// <summary>
/// A plain text table for a terminal: a header row, columns padded to their widest cell, fitted to
/// a width (<see cref="Columns"/> by default): first the gaps narrow to one space, then the widest columns are abbreviated
/// (the middle of a cell becomes "…", so a path keeps its start and its end).
/// </summary>
internal static class TextTable
{
    /// <summary>The width every table fits: a standard terminal's.</summary>
    public const int Columns = 80;

    private const int Narrowest = 8;

    public static void Write(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows, int maxWidth = Columns, IReadOnlySet<int>? rightAligned = null)
    {
        foreach (var line in Lines(header, rows, maxWidth, rightAligned))
        {
            Console.WriteLine(line);
        }
    }

    public static IReadOnlyList<string> Lines(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows, int maxWidth = Columns, IReadOnlySet<int>? rightAligned = null)
    {
        var all = rows.Prepend(header).ToList();
        var widths = Enumerable.Range(0, header.Count).Select(i => all.Max(r => r[i].Length)).ToArray();
        var gap = widths.Sum() + (2 * (widths.Length - 1)) <= maxWidth ? 2 : 1;
        while (widths.Sum() + (gap * (widths.Length - 1)) > maxWidth)
        {
            // The widest column that may still narrow gives up one character; a table of narrow columns stays as wide as it is.
            var widest = Enumerable.Range(0, widths.Length).Where(i => widths[i] > Math.Max(Narrowest, header[i].Length)).DefaultIfEmpty(-1).MaxBy(i => i < 0 ? 0 : widths[i]);
            if (widest < 0)
            {
                break;
            }

            widths[widest]--;
        }

        return all.Select(row => string.Join(new string(' ', gap), row.Select((cell, i) =>
        {
            var fitted = Abbreviate(cell, widths[i]);
            return rightAligned?.Contains(i) == true ? fitted.PadLeft(widths[i]) : fitted.PadRight(widths[i]);
        })).TrimEnd()).ToList();
    }

    /// <summary>Prints a paragraph wrapped at word boundaries to <see cref="Columns"/> (a word longer than a line stays whole).</summary>
    public static void WriteWrapped(string text)
    {
        foreach (var line in Wrap(text))
        {
            Console.WriteLine(line);
        }
    }

    public static IReadOnlyList<string> Wrap(string text, int maxWidth = Columns)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Split('\n'))
        {
            var line = new System.Text.StringBuilder();
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (line.Length > 0 && line.Length + 1 + word.Length > maxWidth)
                {
                    lines.Add(line.ToString());
                    line.Clear();
                }

                line.Append(line.Length > 0 ? " " : "").Append(word);
            }

            lines.Add(line.ToString());
        }

        return lines;
    }

    private static string Abbreviate(string cell, int width)
    {
        if (cell.Length <= width)
        {
            return cell;
        }

        var head = (width - 1) / 2;
        return string.Concat(cell.AsSpan(0, head), "…", cell.AsSpan(cell.Length - (width - 1 - head)));
    }
}
