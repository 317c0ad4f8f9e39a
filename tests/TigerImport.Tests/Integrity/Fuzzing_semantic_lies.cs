using System.Diagnostics;
using TigerImport.Tests.Support;

namespace TigerImport.Tests.Integrity;

/// <summary>
/// The seeded fuzz's semantic half: files whose every byte is well-formed but which lie (rows rotated or swapped
/// against their shapes, coordinates shifted or swapped, another state's identity, one record repeated for all), made
/// from the polygon and line samples and imported by the real pipeline in-process. Every lie is refused as a data
/// error with the published table unchanged; none is a bug, none hangs past the time bound (a repeated record once
/// made repair and validity quadratic). Seed: TIGER_FUZZ_SEED.
/// </summary>
[Collection(PostgisCollection.Name)]
public sealed class Fuzzing_semantic_lies(PostgisServer postgis)
{
    private const int Mutations = 60;
    private static readonly TimeSpan RunBound = TimeSpan.FromSeconds(30);

    private static readonly (string File, string Layer, string Table, bool Polygons)[] Targets =
    [
        ("tl_2024_35_place.zip", "PLACE", "place_2024", true),
        ("tl_2024_35013_edges.zip", "EDGES", "edges_2024", false),
    ];

    /// <summary>A lie the gates must catch, chosen by the seed; polygon layers also lie about rows and shapes.</summary>
    private static (string Description, Action<ShapefileZip> Lie) Choose(Random random, bool polygons, int records)
    {
        var sign = random.Next(2) == 0 ? -1 : 1;
        var kinds = polygons ? 7 : 4;
        switch (random.Next(kinds))
        {
            case 0:
                var dx = sign * random.Next(8, 60);
                return ($"every longitude shifted {dx}°", zip => zip.MovePoints((x, y) => (x + dx, y)));
            case 1:
                var dy = sign * random.Next(8, 40);
                return ($"every latitude shifted {dy}°", zip => zip.MovePoints((x, y) => (x, Math.Clamp(y + dy, -89.9, 89.9))));
            case 2:
                return ("x and y swapped", zip => zip.MovePoints((x, y) => (y, x)));
            case 3:
                var one = random.Next(1, records + 1);
                return ($"record {one}'s .dbf row repeated for every record", zip =>
                {
                    var dbf = zip.Member(".dbf");
                    var row = dbf.AsSpan(zip.DbfHeaderLength + ((one - 1) * zip.DbfRecordLength), zip.DbfRecordLength).ToArray();
                    for (var r = 0; r < records; r++)
                    {
                        row.CopyTo(dbf, zip.DbfHeaderLength + (r * zip.DbfRecordLength));
                    }
                }
                );
            case 4:
                var by = random.Next(1, records);
                return ($".dbf rows rotated by {by}", zip => zip.RotateDbfRows(by));
            case 5:
                var shape = random.Next(1, records + 1);
                return ($"record {shape}'s shape repeated for every record", zip => zip.RepeatShape(shape));
            default:
                var record = random.Next(1, records + 1);
                var state = random.Next(2) == 0 ? "72" : "04";
                return ($"record {record}'s GEOID given state {state}'s prefix", zip => zip.SetDbfValue(record, "GEOID", state + zip.DbfText(record, "GEOID")[2..]));
        }
    }

    [Fact]
    public async Task No_semantic_lie_is_published()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("TIGER_FUZZ_SEED"), out var s) ? s : 20261201;
        TestContext.Current.TestOutputHelper?.WriteLine($"semantic fuzz seed {seed} (TIGER_FUZZ_SEED), {Mutations} mutations");
        var random = new Random(seed);
        await using var db = postgis.CreateDataSource();
        using var goodFolder = new TempFolder().WithSamples(Targets.Select(t => t.File).ToArray());
        using var folder = new TempFolder();
        var good = new Dictionary<string, HashSet<string>>();
        foreach (var (file, layer, table, _) in Targets)
        {
            File.Copy(Path.Combine(goodFolder.Path, file), Path.Combine(folder.Path, file), overwrite: true);
            Assert.Null((await Fuzzing_damaged_zips.ImportAsync(db, folder.Path, layer, "lies")).Failure);
            good[table] = await TableChecksum.RowDigestsAsync(db, $"lies.{table}");
            File.Delete(Path.Combine(folder.Path, file));
        }

        var problems = new List<string>();
        for (var i = 0; i < Mutations && problems.Count < 10; i++)
        {
            var (file, layer, table, polygons) = Targets[i % Targets.Length];
            var path = Path.Combine(folder.Path, file);
            var zip = ShapefileZip.Read(Path.Combine(goodFolder.Path, file));
            var (description, lie) = Choose(random, polygons, zip.RecordCount);
            lie(zip);
            zip.Write(path);
            var label = $"seed {seed} #{i} {file} {description}";
            var clock = Stopwatch.StartNew();
            try
            {
                var result = await Fuzzing_damaged_zips.ImportAsync(db, folder.Path, layer, "lies");
                var rows = await TableChecksum.RowDigestsAsync(db, $"lies.{table}");
                if (result.Failure is not FailureKind.Data || !rows.SetEquals(good[table]))
                {
                    problems.Add($"{label}: {result.Failure?.ToString() ?? "published"} ({result.Error}); published table {(rows.SetEquals(good[table]) ? "unchanged" : "changed")}");
                }
            }
            catch (Exception e)
            {
                problems.Add($"{label}: {(FailureClassifier.Classify(e) is null ? "a bug (exit 1)" : "escaped the layer")}: {e}");
            }
            finally
            {
                File.Delete(path);
            }

            if (clock.Elapsed > RunBound)
            {
                problems.Add($"{label}: took {clock.Elapsed} (a hang?)");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n\n", problems));
    }
}
