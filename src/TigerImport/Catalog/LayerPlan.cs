namespace TigerImport.Catalog;

/// <summary>The files one layer's import reads, and what was asked for but is not there.</summary>
/// <param name="Missing">Files expected but not held by the source (a source failure unless the user skips them).</param>
/// <param name="Notices">Expected absences, e.g. Nebraska's unicameral legislature has no SLDL file.</param>
public sealed record LayerPlan(
    TigerLayerVintage Vintage,
    IReadOnlyList<TigerFile> Files,
    IReadOnlyList<string> Missing,
    IReadOnlyList<string> Notices)
{
    /// <summary>Zips the source's listing holds whose names are not Census file names (ignored; the operator is told).</summary>
    public IReadOnlyList<string> Unrecognized { get; init; } = [];

    /// <summary>The files by the partition they load into (a state, or "us"), in plan order.</summary>
    public IReadOnlyList<(string Part, IReadOnlyList<TigerFile> Files)> Partitions() =>
        Files.GroupBy(f => f.PartitionKey).Select(g => (g.Key, (IReadOnlyList<TigerFile>)g.ToList())).ToList();
}
