using System.Text.RegularExpressions;
using TigerImport.Catalog;

namespace TigerImport.Load;

/// <summary>
/// A file's fields against its layer and the table it publishes into, before a row is loaded. Always a data error:
/// the layer's key (GEOID, TLID…) or, on a named layer, its NAMELSAD missing; a field renamed (a damaged header);
/// a field of a type that would lose values in the published column (decimals into an integer, text into a date).
/// A data error unless the operator allows drift (<c>--allow-drift</c>): a field missing that the partition's own
/// published rows had (or, for a new partition, that every other partition's files brought); a field the layer's other
/// partitions do not all have (Census publishes one field set per layer and vintage: one state's junk fields must not
/// become columns every other state's file then "lacks"); more than <see cref="MaxNewColumns"/> new columns, or a name
/// Census would not write (not upper-case letters, digits and underscores), or, on a first load, more than
/// <see cref="MaxNewColumns"/> fields outside the names Census writes (<see cref="CensusFieldNames"/>) — junk fields
/// would otherwise become columns of the table for good, and every real file would then "lack" them.
/// </summary>
public static partial class ColumnDrift
{
    /// <summary>Census adds a field or two between releases, never dozens.</summary>
    public const int MaxNewColumns = 4;

    /// <summary>The option named in the errors that drift allows.</summary>
    public const string ImportOptionsAllowDrift = "--allow-drift / TIGER_ALLOW_DRIFT";

    /// <summary>TIGER/Line layers of named areas, whose every file carries NAMELSAD (the region sync's name).</summary>
    private static readonly HashSet<string> NamedLayers = new(StringComparer.Ordinal) { "COUNTY", "CD", "SLDU", "SLDL", "PLACE", "TRACT", "BG", "COUSUB" };

    /// <returns>The new columns' fields outside <see cref="CensusFieldNames"/>, within the cap (or allowed): to be logged.</returns>
    public static IReadOnlyList<string> Verify(
        TigerLayer layer,
        IReadOnlyList<LayerColumn> columns,
        IReadOnlyDictionary<string, string> publishedTypes,
        PublishedFieldSets fieldSets,
        string fileName,
        bool allowDrift)
    {
        TigerImportException Error(string problem) => new(FailureKind.Data, $"{fileName}: {problem}.");
        var names = columns.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        if (!layer.KeyFields.Any(k => names.Contains(k.ToLowerInvariant())))
        {
            throw Error($"its .dbf has none of the key field(s) {string.Join(", ", layer.KeyFields)}, which every {layer.Key} file carries");
        }

        if (!layer.IsCartographic && NamedLayers.Contains(layer.BaseKey) && !names.Any(n => NameField().IsMatch(n)))
        {
            throw Error($"its .dbf has no NAMELSAD field, which every {layer.Key} file carries");
        }

        var published = publishedTypes.Keys.Where(name => !ColumnMapper.ReservedNames.Contains(name)).ToList();
        // A file answers for the fields its own partition's rows had, and for the layer's field set: the one the other
        // partitions share. A column only some other state's files brought is theirs, not required of this file.
        var shared = fieldSets.Shared;
        var expected = fieldSets.Own ?? shared ?? published.ToHashSet(StringComparer.Ordinal);
        var missing = expected.Where(p => !names.Contains(p) && !ColumnMapper.ReservedNames.Contains(p)).Order(StringComparer.Ordinal).ToList();
        var added = published.Count == 0 ? [] : columns.Where(c => !publishedTypes.ContainsKey(c.Name)).Select(c => c.Name).ToList();
        var beyondShared = shared is null ? [] : columns.Where(c => !shared.Contains(c.Name)).Select(c => c.Name).ToList();
        if (missing.Count > 0 && added.Count > 0)
        {
            throw Error($"its .dbf has field(s) {string.Join(", ", added)} where the published table has {string.Join(", ", missing)}; a renamed field is a damaged header, not a new column");
        }

        foreach (var column in columns.Where(c => publishedTypes.ContainsKey(c.Name)))
        {
            if (LosesValues(column.PgType, publishedTypes[column.Name]))
            {
                throw Error($"field {column.Name.ToUpperInvariant()} is {column.PgType} in this file but {publishedTypes[column.Name]} in the published table: its values would not load as they are");
            }
        }

        var newColumns = published.Count == 0 ? columns.Select(c => c.Name).ToList() : added;
        var unknown = newColumns.Select(n => FieldNameOf(n, columns)).Where(f => !CensusFieldNames.Knows(f)).ToList();
        if (allowDrift)
        {
            return unknown;
        }

        if (missing.Count > 0)
        {
            throw Error($"its .dbf lacks the published field(s) {string.Join(", ", missing.Select(m => m.ToUpperInvariant()))}; publishing it would leave them empty for its rows (allow it with {ImportOptionsAllowDrift})");
        }

        if (beyondShared.Count > 0)
        {
            var others = fieldSets.Others.Select(o => o.Part).ToList();
            throw Error(
                $"its .dbf has field(s) {Shorten(beyondShared)} beyond the layer's field set, the fields its other published partition(s) ({Shorten(others)}) share: Census publishes one field set per layer and vintage, " +
                $"so one file's own fields would become every partition's columns (allow it with {ImportOptionsAllowDrift})");
        }

        if (added.Count > MaxNewColumns)
        {
            throw Error($"its .dbf has {added.Count} fields the published table lacks ({Shorten(added)}), over the {MaxNewColumns} new columns a Census release adds (allow it with {ImportOptionsAllowDrift})");
        }

        var implausible = newColumns.Where(n => !PlausibleName().IsMatch(n.ToUpperInvariant()) || !IsUpperCaseInFile(n, columns)).ToList();
        if (implausible.Count > 0)
        {
            throw Error($"its .dbf has field name(s) Census does not write ({Shorten(implausible)}: Census names are upper-case letters, digits and underscores) (allow them with {ImportOptionsAllowDrift})");
        }

        if (unknown.Count > MaxNewColumns)
        {
            throw Error($"its .dbf has {unknown.Count} fields Census does not write in TIGER/Line or cartographic files ({Shorten(unknown)}), over the {MaxNewColumns} a Census release adds; on a first load they would become the layer's columns, which every other state's file would then lack (allow it with {ImportOptionsAllowDrift})");
        }

        return unknown;
    }

    /// <summary>A value of the file's type would be changed, or fail, in the published column's type.</summary>
    private static bool LosesValues(string fileType, string publishedType)
    {
        var (file, table) = (Family(fileType), Family(publishedType));
        return file != table || (fileType == "numeric" && publishedType is "integer" or "bigint" or "smallint");
    }

    private static string Family(string pgType) => pgType switch
    {
        "integer" or "bigint" or "smallint" or "double precision" => "number",
        _ when pgType.StartsWith("numeric", StringComparison.Ordinal) => "number",
        "text" or "character varying" => "text",
        _ => pgType,
    };

    private static bool IsUpperCaseInFile(string name, IReadOnlyList<LayerColumn> columns) =>
        columns.First(c => c.Name == name).FieldName is not { } field || field == field.ToUpperInvariant();

    private static string FieldNameOf(string name, IReadOnlyList<LayerColumn> columns) =>
        columns.First(c => c.Name == name).FieldName ?? name.ToUpperInvariant();

    private static string Shorten(IReadOnlyList<string> names) =>
        string.Join(", ", names.Take(8).Select(n => n.ToUpperInvariant())) + (names.Count > 8 ? $"… ({names.Count} in all)" : "");

    [GeneratedRegex("^NAMELSAD(10|20)?$", RegexOptions.IgnoreCase)]
    private static partial Regex NameField();

    [GeneratedRegex("^[A-Z][A-Z0-9_]{0,10}$")]
    private static partial Regex PlausibleName();
}
