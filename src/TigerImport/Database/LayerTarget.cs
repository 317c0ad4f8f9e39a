using TigerImport.Catalog;

namespace TigerImport.Database;

/// <summary>
/// Where a layer vintage lives in the database. The published table <c>{schema}.{layer}_{year}</c> is partitioned by
/// state (<c>us</c> for national files); each partition is loaded as <c>{schema}_staging.{table}_p{part}</c>, and the
/// version it replaces is kept as <c>{schema}_backup.{table}_p{part}</c> until the next publish, so it can be reverted.
/// </summary>
public sealed record LayerTarget(string Schema, TigerLayerVintage Vintage, int Srid)
{
    /// <summary>The bookkeeping column: the file's scope ("us", "25", "25001"); the partition key is its first two characters.</summary>
    public const string ScopeColumn = "tiger_scope";

    public const string GeometryColumn = "geom";

    public string Table => Vintage.TableName;

    public string StagingSchema => TigerTables.StagingSchema(Schema);

    public string BackupSchema => TigerTables.BackupSchema(Schema);

    public string QualifiedTable => Sql.Qualified(Schema, Table);

    /// <summary>False for an attribute-only table (FEATNAMES, ADDR…): no geometry column, no GiST index.</summary>
    public bool HasGeometry => Vintage.Layer.Geometry != LayerGeometry.None;

    public string GeometryType => HasGeometry
        ? Vintage.Layer.Geometry.ToString()
        : throw new InvalidOperationException($"{Vintage.Layer.Key} is an attribute-only table: it has no geometry type.");

    /// <summary>The columns every row of the table has besides the file's: the geometry (when the layer has one) and the scope.</summary>
    public IEnumerable<string> OwnColumns => HasGeometry ? [GeometryColumn, ScopeColumn] : [ScopeColumn];

    /// <summary>The partition's table name, the same in the staging, published and backup schemas; index names derive from it.</summary>
    public string PartitionTable(string part) => LayerTables.PartitionTable(Table, part);

    /// <summary>The key column the layer's btree index is on: the first of the layer's key fields the table has.</summary>
    public string? KeyColumn(IEnumerable<string> columns) =>
        Vintage.Layer.KeyFields.Select(k => k.ToLowerInvariant()).FirstOrDefault(columns.Contains);
}
