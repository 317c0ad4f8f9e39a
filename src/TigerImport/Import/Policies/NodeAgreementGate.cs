using System.Globalization;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Esri.Dbf.Fields;

namespace TigerImport.Import.Policies;

/// <summary>
/// An edge's shape agrees with its row's topology: <c>TNIDF</c>/<c>TNIDT</c> name the TIGER nodes it starts and ends
/// at, and every edge of the file that starts or ends at a node does so at the same coordinate. Shapes rotated, swapped
/// or moved against their rows within their county (which the extent gate cannot see) break that at once. Files
/// without the fields (every line layer but EDGES) are not checked; EDGES must carry them (<c>shape-fields</c>).
/// </summary>
internal sealed class NodeAgreementGate
{
    /// <summary>How far (degrees, about 1 cm) an edge's end may lie from its node; real files measured: 0.</summary>
    public const double Tolerance = 1e-7;

    private readonly int? from, to;

    // The node → where the first edge that named it put it, filled in file order on the pipeline's consumer thread.
    private readonly Dictionary<long, Node> nodes = [];

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

    /// <summary>Why the edge's ends disagree with the nodes earlier edges placed, or null; in file order, one thread.</summary>
    public string? Problem(int recordNumber, Ends ends) =>
        Place(recordNumber, "start", "TNIDF", ends.From, ends.FromX, ends.FromY) ?? Place(recordNumber, "end", "TNIDT", ends.To, ends.ToX, ends.ToY);

    private string? Place(int recordNumber, string which, string field, long? node, double x, double y)
    {
        if (node is not { } id)
        {
            return null;
        }

        if (!nodes.TryGetValue(id, out var placed))
        {
            nodes.Add(id, new Node(x, y, recordNumber));
            return null;
        }

        return Math.Abs(placed.X - x) <= Tolerance && Math.Abs(placed.Y - y) <= Tolerance
            ? null
            : FormattableString.Invariant($"its {which} {x:0.#######},{y:0.#######} is not where node {id} ({field}) lies, {placed.X:0.#######},{placed.Y:0.#######} by record {placed.Record}");
    }

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

    private readonly record struct Node(double X, double Y, int Record);
}
