namespace TigerImport.Catalog;

/// <summary>
/// How Census names one layer over a run of vintages: the folder below the vintage's top folder, the file-name token,
/// and (where they differ from the layer's) the scope, the top folder and the table stem. A layer's eras are the data
/// of its catalog row; a year no era covers is a year Census did not publish the layer.
/// </summary>
/// <param name="From">The first vintage of this naming.</param>
/// <param name="To">The last vintage of this naming; <see cref="Open"/> while Census still publishes it so.</param>
/// <param name="Directory">The folder below the top folder, e.g. <c>TABBLOCK/2010</c>, <c>LAYER/VTD/2020</c>.</param>
/// <param name="Token">The file name's part after the scope code: <c>tabblock10</c>; <c>{congress}</c> stands for CD's congress number.</param>
public sealed record LayerEra(int From, int To, string Directory, string Token)
{
    /// <summary>An era Census has not ended: it runs to the catalog's last year.</summary>
    public const int Open = int.MaxValue;

    /// <summary>The split into files when it is not the layer's (CD: nation through 2021, per state from 2022).</summary>
    public LayerScope? Scope { get; init; }

    /// <summary>The top folder below <c>geo/tiger/</c> when it is not the vintage's <c>TIGER{YYYY}</c> (<c>TIGER2020PL</c>).</summary>
    public string? Folder { get; init; }

    /// <summary>The table's stem when it is not the layer key (<c>zcta510</c> before 2020).</summary>
    public string? TableStem { get; init; }

    /// <summary>
    /// The naming is the catalog's best reading, not confirmed by two public sources: a source that can list decides
    /// (a file of another name is reported missing, with the listing's unrecognised names), and a plan says so.
    /// </summary>
    public bool Listed { get; init; }

    public bool Covers(int year) => year >= From && year <= To;

    /// <summary>"2010", "2011–2013", "2024–".</summary>
    public override string ToString() => From == To ? $"{From}" : To == Open ? $"{From}–" : $"{From}–{To}";
}
