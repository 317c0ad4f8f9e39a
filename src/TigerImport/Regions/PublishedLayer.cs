using Npgsql;
using TigerImport.Database;

namespace TigerImport.Regions;

/// <summary>A published layer table as the sync reads it: its columns (2010's carry a <c>10</c> suffix) and its SRID.</summary>
internal sealed class PublishedLayer
{
    private const int Wgs84 = 4326;

    /// <summary>NAD83; the importer treats NAD83 → WGS 84 as a null transform, so the sync does too.</summary>
    private const int Nad83 = 4269;

    private readonly IReadOnlyList<string> columns;

    private PublishedLayer(string qualified, IReadOnlyList<string> columns, int srid)
    {
        Qualified = qualified;
        this.columns = columns;
        Srid = srid;
    }

    public string Qualified { get; }

    public int Srid { get; }

    /// <summary>The table, or null when the layer has never been published in that schema.</summary>
    public static async Task<PublishedLayer?> FindAsync(NpgsqlConnection connection, string schema, string table, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT a.attname, coalesce(postgis_typmod_srid(a.atttypmod), 0)
            FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = $1 AND c.relname = $2 AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY a.attnum
            """;
        var rows = await Db.ReadAsync(connection, sql, reader => (Name: reader.GetString(0), Srid: reader.GetInt32(1)), cancellationToken, schema, table);
        var columns = rows.Select(r => r.Name).ToList();
        var srid = rows.FirstOrDefault(r => r.Name == LayerTarget.GeometryColumn).Srid;
        return columns.Count == 0 ? null : new PublishedLayer(Sql.Qualified(schema, table), columns, srid);
    }

    /// <summary>
    /// The quoted column <c>alias.name</c> (or 2010's <c>name10</c>); a <c>?</c> in <paramref name="name"/> matches one
    /// digit (<c>cd???fp</c>: the congress number). A layer without it cannot feed the app: a data error.
    /// </summary>
    public string Column(string alias, string name)
    {
        var found = columns.FirstOrDefault(c => Matches(c, name)) ?? columns.FirstOrDefault(c => Matches(c, name + "10"))
            ?? throw new TigerImportException(FailureKind.Data, $"{Qualified} has no column {name}: it is not a TIGER/Line layer the region sync can read.");
        return alias + "." + Sql.Identifier(found);
    }

    /// <summary>The geometry as MultiPolygon in EPSG:4326.</summary>
    public string GeometryIn4326(string alias)
    {
        var geom = alias + "." + LayerTarget.GeometryColumn;
        return Srid switch
        {
            Wgs84 => $"ST_Multi({geom})",
            Nad83 => $"ST_Multi(ST_SetSRID({geom}, {Wgs84}))",
            _ => $"ST_Multi(ST_Transform({geom}, {Wgs84}))",
        };
    }

    private static bool Matches(string column, string pattern) =>
        column.Length == pattern.Length && column.Zip(pattern).All(p => p.Second == '?' ? char.IsAsciiDigit(p.First) : p.First == p.Second);
}
