using NetTopologySuite.Geometries;

namespace TigerImport.Synthetic;

/// <summary>
/// Synthetic edges laid in chains of <see cref="Length"/>, as real EDGES are: consecutive edges of a chain share the
/// node between them (one id, one coordinate), so 7 of 8 edge ends lie at a shared node (real counties: about 90%) and
/// the node-agreement gate holds as on real files. Each chain is a pure function of its own seed.
/// </summary>
internal static class EdgeChains
{
    public const int Length = 8;

    // A chain's junctions lie a step apart, so a chain spans at most this far (degrees) from its start.
    private const double Step = 0.003;

    /// <summary>
    /// Edge <paramref name="index"/>'s line (2 to 40 vertices, jittered by <paramref name="random"/>) in the box whose
    /// south-west corner is <paramref name="west"/>,<paramref name="south"/> and its from and to nodes' offsets: node
    /// offsets are unique per chain position and below 9/8 × index + 9.
    /// </summary>
    public static (Coordinate[] Points, long FromNode, long ToNode) Edge(int index, int seed, Random random, double west, double south, double width, double height)
    {
        var (chain, position) = (index / Length, index % Length);
        var junctions = new Random(unchecked(seed * 7919 + chain) ^ 0x5EED);
        var startX = west + Span + junctions.NextDouble() * (width - 2 * Span);
        var startY = south + Span + junctions.NextDouble() * (height - 2 * Span);
        var angle = junctions.NextDouble() * 2 * Math.PI;
        (double X, double Y) Junction(int p) =>
            (Math.Round(startX + p * Step * Math.Cos(angle), 6), Math.Round(startY + p * Step * Math.Sin(angle), 6));

        var (from, to) = (Junction(position), Junction(position + 1));
        var points = new Coordinate[random.Next(2, 41)];
        for (var i = 0; i < points.Length; i++)
        {
            var share = (double)i / (points.Length - 1);
            var jitter = i == 0 || i == points.Length - 1 ? 0 : Step / 4;
            points[i] = new Coordinate(
                Math.Round(from.X + share * (to.X - from.X) + (random.NextDouble() - 0.5) * jitter, 6),
                Math.Round(from.Y + share * (to.Y - from.Y) + (random.NextDouble() - 0.5) * jitter, 6));
        }

        long node = chain * (Length + 1L) + position;
        return (points, node, node + 1);
    }

    private const double Span = Length * Step;
}
