using System.Globalization;

namespace TigerImport.Import.Policies;

/// <summary>
/// How many rejected features a file may have before its layer fails, so a truncated or garbled file never replaces good
/// data: a count (<c>25</c>), a share of the file's records (<c>2%</c>), both (<c>0.5%,10</c>: the larger applies), or
/// <c>unlimited</c>. The default, 0.5% or 10 features, is far above what real Census files need (none reject more
/// than a handful) and far below what a damaged one produces.
/// </summary>
public sealed record RejectBudget
{
    public const string DefaultText = "0.5%,10";

    private RejectBudget(string text, double? percent, long? count)
    {
        Text = text;
        Percent = percent;
        Count = count;
    }

    public static RejectBudget Default { get; } = Parse(DefaultText);

    /// <summary>As written (normalised), for messages: <c>0.5%,10</c>.</summary>
    public string Text { get; }

    public double? Percent { get; }

    public long? Count { get; }

    /// <summary>Parses a budget; anything else is a usage error that shows the forms it takes.</summary>
    public static RejectBudget Parse(string? text) => Parse(text, "reject budget");

    /// <summary>Parses a budget of another kind (<c>repair budget</c>), named so in the usage error.</summary>
    public static RejectBudget Parse(string? text, string kind)
    {
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Equals("unlimited", StringComparison.OrdinalIgnoreCase))
        {
            return new("unlimited", null, null);
        }

        double? percent = null;
        long? count = null;
        var parts = trimmed.Split(',', StringSplitOptions.TrimEntries);
        foreach (var part in parts)
        {
            if (part.EndsWith('%') && percent is null
                && double.TryParse(part[..^1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var p) && p <= 100)
            {
                percent = p;
            }
            else if (!part.EndsWith('%') && count is null && long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var c))
            {
                count = c;
            }
            else
            {
                throw new TigerImportException(
                    FailureKind.Usage,
                    $"'{text}' is not a {kind}: give a count of features (25), a percentage of each file's records (2%), both (0.5%,10: the larger applies), or unlimited.");
            }
        }

        return new(string.Join(",", parts), percent, count);
    }

    /// <summary>The most features a file of <paramref name="records"/> records may reject.</summary>
    public long LimitFor(long records) => Percent is null && Count is null
        ? long.MaxValue
        : Math.Max(Count ?? 0, (long)Math.Floor(records * (Percent ?? 0) / 100));

    public override string ToString() => Text;
}
