using System.Diagnostics;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using TigerImport.Catalog;
using NtsGeometry = NetTopologySuite.Geometries.Geometry;

namespace TigerImport.Geometry;

/// <summary>
/// Makes each feature fit its layer's column: valid, non-empty, and of the layer's Multi* type. GeometryFixer runs only
/// on what <see cref="GeometryValidity"/> rejects, since it may alter even valid input slightly.
/// </summary>
public sealed class GeometryNormalizer(LayerGeometry layerGeometry)
{
    /// <summary>The verdict on one feature; a repair over <see cref="RepairBudget"/> is a reject, and a stopped run throws.</summary>
    public GeometryVerdict Normalize(NtsGeometry? geometry, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (geometry is null || geometry.IsEmpty)
        {
            return Reject("empty geometry");
        }

        if (!IsOfLayerType(geometry))
        {
            return Reject($"{geometry.GeometryType} in a {layerGeometry} layer");
        }

        if (GeometryValidity.ProblemOf(geometry) is not { } problem)
        {
            return new(ToMulti(geometry), GeometryFate.Kept, null);
        }

        if (RepairBudget.Exceeded(geometry, cancellationToken) is { } overBudget)
        {
            return Reject($"not repaired: {problem}, and {overBudget}");
        }

        var fixedParts = OfLayerType(GeometryFixer.Fix(geometry, isKeepMulti: true));
        return fixedParts.Count == 0
            ? Reject($"unrepairable: {problem}")
            : new(ToMulti(geometry.Factory.BuildGeometry(fixedParts)), GeometryFate.Repaired, problem);
    }

    private static GeometryVerdict Reject(string reason) => new(null, GeometryFate.Rejected, reason);

    private bool IsOfLayerType(NtsGeometry geometry) => layerGeometry switch
    {
        LayerGeometry.MultiPolygon => geometry is IPolygonal,
        LayerGeometry.MultiPoint => geometry is IPuntal,
        _ => geometry is ILineal,
    };

    /// <summary>The non-empty parts of the layer's type: a fix can leave a collection with stray lines or points.</summary>
    private List<NtsGeometry> OfLayerType(NtsGeometry geometry)
    {
        var parts = layerGeometry switch
        {
            LayerGeometry.MultiPolygon => PolygonExtracter.GetPolygons(geometry),
            LayerGeometry.MultiPoint => PointExtracter.GetPoints(geometry),
            _ => LineStringExtracter.GetLines(geometry),
        };
        return parts.Where(p => !p.IsEmpty).ToList();
    }

    private NtsGeometry ToMulti(NtsGeometry geometry)
    {
        var factory = geometry.Factory;
        NtsGeometry multi = geometry switch
        {
            MultiPolygon or MultiLineString or MultiPoint => geometry,
            Polygon polygon => factory.CreateMultiPolygon([polygon]),
            LineString line => factory.CreateMultiLineString([line]),
            Point point => factory.CreateMultiPoint([point]),

            // Callers pass only the layer's types (checked on entry, and what the extracters return after a fix).
            _ => throw new UnreachableException($"{geometry.GeometryType} reached ToMulti"),
        };
        multi.SRID = geometry.SRID;
        return multi;
    }
}
