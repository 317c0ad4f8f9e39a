namespace TigerImport.Load;

/// <summary>
/// The columns the files of a layer's published partitions brought (<c>tiger_partitions.columns</c>), seen from one
/// partition being loaded: its own published version's, and each other partition's. Census publishes one field set
/// per layer and vintage, so the other partitions' shared columns are the field set a file is held to
/// (<see cref="ColumnDrift"/>). Partitions recorded by a worker that kept no columns are left out.
/// </summary>
public sealed record PublishedFieldSets(IReadOnlySet<string>? Own, IReadOnlyList<(string Part, IReadOnlySet<string> Columns)> Others)
{
    /// <summary>Nothing published yet (or nothing recorded): the file is held to the published table's columns alone.</summary>
    public static PublishedFieldSets None { get; } = new(null, []);

    /// <summary>The columns every other published partition's files brought, or null when there is no other partition.</summary>
    public IReadOnlySet<string>? Shared => Others.Count == 0
        ? null
        : Others.Skip(1).Aggregate(new HashSet<string>(Others[0].Columns, StringComparer.Ordinal), (shared, other) => { shared.IntersectWith(other.Columns); return shared; });

    /// <summary>The field sets seen from <paramref name="part"/>, from each published partition's recorded columns (null: not recorded).</summary>
    public static PublishedFieldSets For(string part, IReadOnlyDictionary<string, IReadOnlySet<string>?> byPart) => new(
        byPart.GetValueOrDefault(part),
        byPart.Where(p => p.Key != part && p.Value is not null).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value!)).ToList());
}
