using NetTopologySuite.IO.Esri.Dbf;
using NetTopologySuite.IO.Esri.Dbf.Fields;
using NetTopologySuite.IO.Esri.Shapefiles.Readers;

namespace TigerImport.Archive;

/// <summary>
/// A forward-only cursor over a zip's records, whatever its kind: a shapefile's (geometry and .dbf values) or an
/// attribute-only table's (.dbf values only, <see cref="Geometry"/> null). The .dbf is read by the same reader in both
/// (the shapefile reader wraps a <see cref="DbfReader"/>), so its values and checks are the same.
/// </summary>
public sealed class TigerRecords : IDisposable
{
    private readonly ShapefileReader? shapes;
    private readonly DbfReader? table;

    internal TigerRecords(ShapefileReader shapes) => this.shapes = shapes;

    internal TigerRecords(DbfReader table) => this.table = table;

    /// <summary>The .dbf fields, each holding the current record's value after <see cref="Read"/>.</summary>
    public DbfFieldCollection Fields => shapes?.Fields ?? table!.Fields;

    /// <summary>The current record's geometry; always null for an attribute-only table.</summary>
    public NetTopologySuite.Geometries.Geometry? Geometry => shapes?.Geometry;

    /// <summary>Moves to the next record; false after the last.</summary>
    public bool Read(out bool deleted) => shapes?.Read(out deleted) ?? table!.Read(out deleted);

    public void Dispose()
    {
        shapes?.Dispose();
        table?.Dispose();
    }
}
