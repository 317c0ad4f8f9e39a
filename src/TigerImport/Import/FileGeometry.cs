using ProjNet.CoordinateSystems;
using TigerImport.Archive;
using TigerImport.Catalog;
using TigerImport.Geometry;

namespace TigerImport.Import;

/// <summary>
/// What a file with geometry needs to judge its shapes: its CRS (from the .prj), the coordinates that CRS allows, the
/// normalizer to the layer's Multi* type and the reprojection to the target SRID. An attribute-only table has none.
/// </summary>
internal sealed class FileGeometry
{
    private readonly CoordinateSystem sourceCrs;
    private readonly Reprojector shared;
    private readonly int srid;

    private FileGeometry(CoordinateSystem sourceCrs, TigerLayer layer, int srid)
    {
        this.sourceCrs = sourceCrs;
        this.srid = srid;
        Domain = CoordinateDomain.Of(sourceCrs);
        Normalizer = new GeometryNormalizer(layer.Geometry);
        shared = Reprojector.Create(sourceCrs, srid);
    }

    public CoordinateDomain Domain { get; }

    public GeometryNormalizer Normalizer { get; }

    public static FileGeometry Of(TigerArchive archive, TigerFile file, int srid) =>
        new(SpatialReferences.ParseProjection(archive.ProjectionText, file.FileName), file.Layer, srid);

    /// <summary>
    /// A reprojector for one thread: a projection's transform is not known to be thread-safe, so each thread projects
    /// with its own (the identity, which only stamps the SRID, is shared).
    /// </summary>
    public Reprojector ForThread() => shared.IsIdentity ? shared : Reprojector.Create(sourceCrs, srid);
}
