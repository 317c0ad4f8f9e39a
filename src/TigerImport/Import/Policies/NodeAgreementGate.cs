using System.Globalization;
using System.Runtime.InteropServices;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Esri.Dbf.Fields;

namespace TigerImport.Import.Policies;

/// <summary>
/// An edge's shape agrees with its row's topology: <c>TNIDF</c>/<c>TNIDT</c> name the TIGER nodes it starts and ends
/// at, and every edge of the file that starts or ends at a node does so at the same coordinate. Shapes rotated, swapped
/// or moved against their rows within their county (which the extent gate cannot see) break that at once. A node lies
/// where most of its edges' ends put it, decided after the file's last edge; the edges that disagree, and the edges
/// whose row names no node, are the exceptions. A file whose edges (almost) never share a node is not a TIGER network
/// (fresh ids per edge would switch the check off) and is refused. Files without the fields (every line layer but
/// EDGES) are not checked; EDGES must carry them (<c>shape-fields</c>).
/// </summary>
internal sealed class NodeAgreementGate
{
    /// <summary>How far (degrees, about 1 cm) an edge's end may lie from its node; real files measured: 0.</summary>
    public const double Tolerance = 1e-7;

    /// <summary>
    /// The share of a file's edge ends that must lie at a node another edge end shares. A road network's edges end at
    /// junctions: the real 2020 Perquimans County EDGES has 5,886 of its 6,520 ends (90%) at a shared node; only dead
    /// ends and the county's border are not. A quarter is far below any real county and far above a file whose node
    /// ids were made unique per edge (0%).
    /// </summary>
    public const double MinimumSharedEnds = 0.25;

    /// <summary>The edges from which a file is held to <see cref="MinimumSharedEnds"/>: a handful of edges (a sample,
    /// a clip) need not form a network.</summary>
    public const int SharingFloor = 100;

    private readonly int? from, to;

    // Every end that names a node, and the edges whose row names none, collected in file order on the pipeline's
    // consumer thread and decided after the last (about 10⁵ edges a county: a few MB).
    private readonly List<End> ends = [];
    private readonly List<(int Record, string Problem)> unnamed = [];
    private long edges, sharedEnds;

    public NodeAgreementGate(DbfFieldCollection fields, int year)
    {
        (from, to) = (FieldLookup.Find(fields, "TNIDF", year), FieldLookup.Find(fields, "TNIDT", year));
    }

    public bool Applies => from is not null && to is not null;

    /// <summary>The edge's two nodes and where its shape puts them, or null when the gate does not apply; thread-safe.</summary>
    public Ends? EndsOf(NetTopologySuite.Geometries.Geometry geometry, object?[] values)
    {
        if (from is not { } f || to is not { } t || geometry.NumGeometries == 0
            || geometry.GetGeometryN(0) is not LineString first || geometry.GetGeometryN(geometry.NumGeometries - 1) is not LineString last
            || first.IsEmpty || last.IsEmpty)
        {
            return null;
        }

        var start = first.CoordinateSequence;
        var end = last.CoordinateSequence;
        return new Ends(Id(values[f]), start.GetX(0), start.GetY(0), Id(values[t]), end.GetX(end.Count - 1), end.GetY(end.Count - 1));
    }

    /// <summary>Collects an edge's ends; in file order, one thread.</summary>
    public void Add(int recordNumber, Ends edge)
    {
        edges++;
        if (edge.From is null || edge.To is null)
        {
            var blank = edge.From is null && edge.To is null ? "TNIDF and TNIDT name" : edge.From is null ? "TNIDF names" : "TNIDT names";
            unnamed.Add((recordNumber, $"its {blank} no node"));
        }

        if (edge.From is { } f)
        {
            ends.Add(new End(f, edge.FromX, edge.FromY, recordNumber, IsStart: true));
        }

        if (edge.To is { } t)
        {
            ends.Add(new End(t, edge.ToX, edge.ToY, recordNumber, IsStart: false));
        }
    }

    /// <summary>After the last edge: the edges that disagree with their nodes or name none, each once, in record order.</summary>
    public IReadOnlyList<(int Record, string Problem)> Exceptions()
    {
        ends.Sort(static (a, b) => a.Node != b.Node ? a.Node.CompareTo(b.Node) : a.Record.CompareTo(b.Record));
        var outliers = new Dictionary<int, string>();
        foreach (var (record, problem) in unnamed)
        {
            outliers.TryAdd(record, problem);
        }

        // A node of two ends that disagree (or any tie) cannot be decided by its own ends: the edge that also disagrees
        // at its other nodes is the one moved (a shifted edge misses both its nodes, its honest neighbours one each).
        var disputes = new Dictionary<int, int>();
        var ties = new List<List<List<End>>>();
        var sorted = CollectionsMarshal.AsSpan(ends);
        sharedEnds = 0;
        for (int i = 0, j; i < sorted.Length; i = j)
        {
            for (j = i + 1; j < sorted.Length && sorted[j].Node == sorted[i].Node; j++)
            {
            }

            if (j - i == 1)
            {
                continue;
            }

            sharedEnds += j - i;
            if (Clusters(sorted[i..j]) is not { } clusters)
            {
                continue;
            }

            foreach (var end in clusters.SelectMany(c => c))
            {
                disputes[end.Record] = disputes.GetValueOrDefault(end.Record) + 1;
            }

            if (clusters[0].Count > clusters[1].Count)
            {
                Blame(clusters, clusters[0], outliers);
            }
            else
            {
                ties.Add(clusters);
            }
        }

        foreach (var clusters in ties)
        {
            var winner = clusters.Where(c => c.Count == clusters[0].Count)
                .MinBy(c => (c.Sum(e => disputes[e.Record]), c.Min(e => e.Record)))!;
            Blame(clusters, winner, outliers);
        }

        return [.. outliers.OrderBy(o => o.Key).Select(o => (o.Key, o.Value))];
    }

    /// <summary>After <see cref="Exceptions"/>: why the file's edges do not form a network, or null.</summary>
    public string? Unshared() =>
        edges >= SharingFloor && sharedEnds < MinimumSharedEnds * 2 * edges
            ? FormattableString.Invariant($"only {sharedEnds} of its {2 * edges} edge ends lie at a node another edge shares, fewer than {MinimumSharedEnds:0%} (real counties: about 90%); are its TNIDF/TNIDT the Census's node ids?")
            : null;

    // The ends of one node grouped by coordinate, largest group first; null when they all agree (the usual case).
    private static List<List<End>>? Clusters(ReadOnlySpan<End> node)
    {
        var first = node[0];
        var agree = true;
        foreach (var end in node)
        {
            agree &= Near(end, first);
        }

        if (agree)
        {
            return null;
        }

        // Keyed by the coordinate on the tolerance's grid: linear however many ends a forged id gathers (every node 0).
        var clusters = new Dictionary<(double, double), List<End>>();
        foreach (var end in node)
        {
            var key = (Math.Round(end.X / Tolerance), Math.Round(end.Y / Tolerance));
            if (clusters.TryGetValue(key, out var cluster))
            {
                cluster.Add(end);
            }
            else
            {
                clusters.Add(key, [end]);
            }
        }

        return [.. clusters.Values.OrderByDescending(c => c.Count)];
    }

    private static void Blame(List<List<End>> clusters, List<End> node, Dictionary<int, string> outliers)
    {
        var placed = node[0];
        var total = clusters.Sum(c => c.Count);
        foreach (var end in clusters.Where(c => c != node).SelectMany(c => c))
        {
            outliers.TryAdd(end.Record, FormattableString.Invariant(
                $"its {(end.IsStart ? "start" : "end")} {end.X:0.#######},{end.Y:0.#######} is not where node {end.Node} ({(end.IsStart ? "TNIDF" : "TNIDT")}) lies, {placed.X:0.#######},{placed.Y:0.#######}, where {node.Count} of its {total} edge ends put it (record {placed.Record} the first)"));
        }
    }

    private static bool Near(End a, End b) => Math.Abs(a.X - b.X) <= Tolerance && Math.Abs(a.Y - b.Y) <= Tolerance;

    private static long? Id(object? value) => value switch
    {
        long n => n,
        int n => n,
        double d when double.IsFinite(d) => (long)d,
        decimal m => (long)m,
        string s when long.TryParse(s, NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out var n) => n,
        _ => null,
    };

    /// <summary>An edge's from and to node ids (null when its row has none) and its shape's first and last point.</summary>
    internal sealed record Ends(long? From, double FromX, double FromY, long? To, double ToX, double ToY);

    private readonly record struct End(long Node, double X, double Y, int Record, bool IsStart);
}
