using Npgsql;
using TigerImport.Database;
using TigerImport.Load;

namespace TigerImport.Import.Policies;

/// <summary>
/// A unique key (GEOID, TLID, TFID, HYDROID) is unique across the whole layer, not only within one partition: a key
/// staged for one state must be in no other staged partition and in no published partition this run keeps (GEOIDs
/// duplicated across two states' files of one layer). Layers whose key Census repeats are left alone. Each pair of
/// partitions is compared only over the range their keys share (min and max come from the key indexes): GEOIDs of two
/// states never share one, so the check costs milliseconds; interleaved keys (TLIDs) cost a merge of the shared range
/// (docs/capacity.md).
/// </summary>
internal static class LayerKeyGate
{
    public static async Task CheckAsync(NpgsqlConnection connection, LayerTarget target, IReadOnlyList<(StagingTable Staging, IReadOnlyList<string> Files)> staged, CancellationToken cancellationToken)
    {
        if (!target.Vintage.Layer.KeyIsUnique || staged.Count == 0)
        {
            return;
        }

        var parts = staged.Select(s => s.Staging.Part).ToHashSet(StringComparer.Ordinal);
        var published = await Db.ReadAsync(
            connection,
            $"SELECT c.relname::text FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = to_regclass({Sql.Literal(target.QualifiedTable)})",
            r => r.GetString(0),
            cancellationToken);
        for (var i = 0; i < staged.Count; i++)
        {
            var (staging, files) = staged[i];
            if (target.KeyColumn(staging.ColumnTypes.Keys) is not { } key)
            {
                continue;
            }

            var others = staged.Skip(i + 1).Select(o => o.Staging).Where(o => o.ColumnTypes.ContainsKey(key)).Select(o => (o.Part, o.Qualified))
                .Concat(published.Where(t => !parts.Contains(t[(target.Table.Length + 2)..])).Select(t => (Part: t[(target.Table.Length + 2)..], Qualified: Sql.Qualified(target.Schema, t))));
            foreach (var (part, other) in others)
            {
                var k = Sql.Identifier(key);
                if (await Db.ScalarAsync<string>(
                        connection,
                        $"""
                        WITH r AS (SELECT greatest((SELECT min({k}) FROM {staging.Qualified}), (SELECT min({k}) FROM {other})) AS lo,
                                          least((SELECT max({k}) FROM {staging.Qualified}), (SELECT max({k}) FROM {other})) AS hi)
                        SELECT string_agg(d.{k}::text, ', ') FROM (
                            SELECT s.{k} FROM {staging.Qualified} s, r WHERE s.{k} BETWEEN r.lo AND r.hi
                                AND EXISTS (SELECT 1 FROM {other} o WHERE o.{k} = s.{k} AND o.{k} BETWEEN r.lo AND r.hi) LIMIT 5) d
                        """,
                        cancellationToken) is { } duplicates)
                {
                    throw new TigerImportException(
                        FailureKind.Data,
                        $"quality gate 'layer-unique-key' failed for {target.Schema}.{target.Table}: {key} value(s) {duplicates} of partition {staging.Part} ({string.Join(", ", files)}) are also in partition {part}, and Census makes {key} unique across the layer. Nothing of the layer was published.");
                }
            }
        }
    }
}
