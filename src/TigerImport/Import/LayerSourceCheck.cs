using TigerImport.Catalog;
using TigerImport.Import.Policies;
using TigerImport.Publish;

namespace TigerImport.Import;

/// <summary>
/// What the source lacks that fails a layer with a source error (exit 3): the checks an import makes
/// (<see cref="LayerImporter"/>) and a plan predicts (<c>tigerimport plan</c>), defined once so the two agree.
/// </summary>
internal static class LayerSourceCheck
{
    /// <summary>Expected files not in the source fail the layer unless <c>--skip-missing</c>.</summary>
    public static string? MissingFiles(LayerPlan plan, ImportOptions options, string source) =>
        plan.Missing.Count == 0 || options.SkipMissing
            ? null
            : $"{plan.Missing.Count} file(s) not in {source}: {string.Join(", ", plan.Missing.Take(5))}{(plan.Missing.Count > 5 ? ", …" : "")} (--skip-missing loads the rest)";

    /// <summary>
    /// A layer without a partition to build: nothing to do when Census explains the absence (Nebraska's SLDL), else the
    /// source lacks the year or layer (the reason; also with <c>--skip-missing</c>, which loads what exists, not nothing).
    /// </summary>
    public static string? NoFiles(LayerPlan plan, ImportRequest request, string source)
    {
        if (plan.Notices.Count > 0 && plan.Missing.Count == 0)
        {
            return null;
        }

        var vintage = plan.Vintage;
        var pattern = vintage.FileName(vintage.Scope == LayerScope.Nation ? "us" : vintage.Scope == LayerScope.State ? "SS" : "SSCCC");
        return $"{source} holds no file for {vintage.Layer.Key} {vintage.Year}: looked for {pattern}{(request.States is null ? "" : $" for {string.Join(",", request.States.Select(s => s.Usps))}")}";
    }

    /// <summary>County files a published partition was built from that the source no longer has (<see cref="CountyCompleteness"/>); checked when something loads.</summary>
    public static IReadOnlyList<string> LostCounties(
        IEnumerable<(string Part, IReadOnlyList<TigerFile> Files)> partitions,
        IReadOnlyDictionary<string, (IReadOnlyList<FileLineage> Lineage, long Features)> published,
        ImportRequest request) =>
        request.Counties is null ? CountyCompleteness.Missing(partitions, published) : [];

    /// <summary>Why lost county files fail the layer (unless <c>--skip-missing</c>).</summary>
    public static string LostCountiesReason(IReadOnlyList<string> lost, string source) =>
        $"{lost.Count} county file(s) the published version was built from are not in {source}: {string.Join(", ", lost.Take(5))}{(lost.Count > 5 ? ", …" : "")}; publishing without them would delete those counties (--skip-missing publishes without them)";
}
