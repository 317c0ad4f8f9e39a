using Npgsql;
using TigerImport.Database;
using TigerImport.Load;

namespace TigerImport.Import.Policies;

/// <summary>
/// Checks a staged partition before it may be published; a failed gate is a data error (exit 4) that names the gate,
/// and the published table stays as it was. Every requested state being present is the planner's check: a file the
/// source lacks fails its layer (exit 3) unless --skip-missing says to load the rest.
/// </summary>
internal static class QualityGates
{
    /// <summary>Runs the gates on a finished staging partition; returns its row count.</summary>
    /// <param name="loaded">Rows the files loaded (records read − rejected).</param>
    /// <param name="carried">Published rows copied in for counties this run does not reload.</param>
    /// <param name="publishedRows">The row count of the partition it replaces, if any.</param>
    public static async Task<long> CheckAsync(
        NpgsqlConnection connection, StagingTable staging, long loaded, long carried, long? publishedRows, ImportOptions options, CancellationToken cancellationToken)
    {
        var rows = await Db.ScalarAsync<long>(connection, $"SELECT count(*) FROM {staging.Qualified}", cancellationToken);
        if (rows != loaded + carried)
        {
            throw Failed(staging, "accounting", $"{rows} rows staged, but its files loaded {loaded} (records read − rejected){(carried > 0 ? $" and {carried} were carried over" : "")}");
        }

        if (rows == 0)
        {
            throw Failed(staging, "non-empty", "no rows: the files are empty or every feature was rejected (see tiger_rejects)");
        }

        var layer = staging.Target.Vintage.Layer;
        var key = staging.Target.KeyColumn(staging.ColumnTypes.Keys);
        if (layer.KeyIsUnique && key is null)
        {
            // A file without its key field would publish rows nothing can join on (a .dbf missing GEOID).
            throw Failed(staging, "unique-key", $"the files have none of the key field(s) {string.Join(", ", layer.KeyFields)}, which every {layer.Key} file carries");
        }

        if (layer.KeyIsUnique
            && await Db.ScalarAsync<long>(connection, $"SELECT count(*) FROM {staging.Qualified} WHERE {Sql.Identifier(key!)} IS NULL", cancellationToken) is > 0 and var nulls)
        {
            throw Failed(staging, "unique-key", $"{key} is empty in {nulls} row(s), which Census never leaves empty for {layer.Key}");
        }

        if (layer.KeyIsUnique
            && await Db.ScalarAsync<string>(
                connection,
                $"SELECT string_agg(format('%s (%s rows)', k, n), ', ') FROM (SELECT {Sql.Identifier(key!)} AS k, count(*) AS n FROM {staging.Qualified} GROUP BY 1 HAVING count(*) > 1 ORDER BY 2 DESC, 1 LIMIT 5) d",
                cancellationToken) is { } duplicates)
        {
            throw Failed(staging, "unique-key", $"{key} is not unique, which Census guarantees for {layer.Key}: {duplicates}");
        }

        if (publishedRows is { } before && !options.AllowShrink && rows * 100 < before * options.MinSharePercent)
        {
            throw Failed(
                staging,
                "min-share",
                $"{rows} rows would replace {before}, less than {options.MinSharePercent}% of them (a truncated file?); --allow-shrink publishes it anyway, --min-share sets the share");
        }

        return rows;
    }

    private static TigerImportException Failed(StagingTable staging, string gate, string detail) => new(
        FailureKind.Data, $"quality gate '{gate}' failed for {staging.Target.Schema}.{staging.Target.Table} partition {staging.Part}: {detail}. Nothing of the layer was published.");
}
