using System.Globalization;

namespace TigerImport.Catalog;

/// <summary>
/// Which plan a district file (CD, SLDU, SLDL) carries: the congress its name and fields say (CD only), the vintage or
/// special release it was published in (<c>TIGER2024</c>, <c>TIGER_RD18</c>), the version when the release offers
/// more than one (whole-block or split-block, as its file names say), and the source's date of the file.
/// Recorded per published partition in <c>tiger_partitions.plan</c>.
/// </summary>
public sealed record DistrictPlan(int? Congress, string Release, string? Version)
{
    /// <summary>The file's Last-Modified date at the source, when the source gives one.</summary>
    public DateOnly? Date { get; init; }

    /// <summary>E.g. "118th Congress, TIGER_RD18, version sb, 2022-12-20".</summary>
    public override string ToString() => string.Join(
        ", ",
        new[]
        {
            Congress is { } congress ? $"{Ordinal(congress)} Congress" : null,
            Release,
            Version is null ? null : $"version {Version}",
            Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        }.OfType<string>());

    /// <summary>111th, 121st, 122nd, 123rd.</summary>
    public static string Ordinal(int number) => number % 100 is >= 11 and <= 13
        ? $"{number}th"
        : $"{number}{(number % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" }}";
}
