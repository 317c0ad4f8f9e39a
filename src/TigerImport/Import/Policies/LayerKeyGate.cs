using Npgsql;
using TigerImport.Database;
using TigerImport.Load;

namespace TigerImport.Import.Policies;

/// <summary>
/// A unique key (GEOID, TLID, TFID, HYDROID) is unique across the whole layer, not only within one partition: a key
/// staged for one state must be in no other staged partition and in no published partition this run keeps (GEOIDs
/// duplicated across two states' files of one layer). Layers whose key Census repeats are left alone.
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
                        $"SELECT string_agg(s.{k}::text, ', ') FROM (SELECT {k} FROM {staging.Qualified} s WHERE EXISTS (SELECT 1 FROM {other} o WHERE o.{k} = s.{k}) LIMIT 5) s",
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
