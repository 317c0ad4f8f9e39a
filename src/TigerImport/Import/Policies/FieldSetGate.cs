using TigerImport.Catalog;

namespace TigerImport.Import.Policies;

/// <summary>
/// Within one run, the files of a layer and vintage share one field set: Census publishes one per layer and vintage,
/// so a file whose fields differ from the others' (the field set most files have) is refused naming the fields it has
/// extra or lacks, before anything is published (--allow-drift allows it). A tie goes to the field set with fewer
/// fields Census does not write (<see cref="CensusFieldNames"/>); a tie that leaves is refused too, naming both sides,
/// since no majority says which is the layer's.
/// </summary>
internal static class FieldSetGate
{
    public const string Gate = "field-set";

    public static void Check(IReadOnlyList<(string File, IReadOnlySet<string> Fields)> files)
    {
        var sets = files.GroupBy(f => string.Join(",", f.Fields.Order(StringComparer.Ordinal)))
            .Select(g => (Fields: g.First().Fields, Files: g.Select(f => f.File).Order(StringComparer.Ordinal).ToList()))
            .OrderByDescending(s => s.Files.Count)
            .ThenBy(s => s.Fields.Count(f => !CensusFieldNames.Knows(f)))
            .ThenBy(s => s.Files[0], StringComparer.Ordinal)
            .ToList();
        if (sets.Count < 2)
        {
            return;
        }

        var (majority, odd) = (sets[0], sets[1]);
        var extra = odd.Fields.Except(majority.Fields).Order(StringComparer.Ordinal).Select(f => f.ToUpperInvariant()).ToList();
        var lacking = majority.Fields.Except(odd.Fields).Order(StringComparer.Ordinal).Select(f => f.ToUpperInvariant()).ToList();
        var difference = string.Join(" and ", new[] { extra.Count > 0 ? $"has field(s) {string.Join(", ", extra)}" : null, lacking.Count > 0 ? $"lacks field(s) {string.Join(", ", lacking)}" : null }.OfType<string>());
        var tied = majority.Files.Count == odd.Files.Count && majority.Fields.Count(f => !CensusFieldNames.Knows(f)) == odd.Fields.Count(f => !CensusFieldNames.Knows(f));
        var others = $"{string.Join(", ", majority.Files.Take(8))}{(majority.Files.Count > 8 ? $"… ({majority.Files.Count} files)" : "")}";
        var unlike = tied ? $"unlike {others}, as many files, so no majority says which field set is the layer's" : $"unlike the layer's other file(s) in this run ({others})";
        throw PlausibilityCheck.Failed(
            string.Join(", ", odd.Files),
            Gate,
            $"its .dbf {difference}, {unlike}: Census publishes one field set per layer and vintage (allow it with {Load.ColumnDrift.ImportOptionsAllowDrift})");
    }
}
