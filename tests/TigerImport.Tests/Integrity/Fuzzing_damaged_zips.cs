using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using TigerImport.Catalog;
using TigerImport.Import;
using TigerImport.Sources.Folder;
using TigerImport.Tests.Support;

namespace TigerImport.Tests.Integrity;

/// <summary>
/// A bounded, seeded fuzz: a few hundred mutations of two small samples (a polygon and a line layer), each imported by
/// the real pipeline in-process (the path the CLI runs; an exception <see cref="FailureClassifier.Classify"/> does not know is
/// what the CLI exits 1 on). Never a bug, never over the time bound, memory bounded, and the published table is either
/// unchanged or the good file's rows (but for the one record a record-level mutation touched). Seed: TIGER_FUZZ_SEED.
/// </summary>
[Collection(PostgisCollection.Name)]
public sealed class Fuzzing_damaged_zips(PostgisServer postgis)
{
    private const int Mutations = 300;
    private static readonly TimeSpan RunBound = TimeSpan.FromSeconds(30);
    private const long MemoryBound = 2L << 30;

    private static readonly (string File, string Layer, string Table)[] Targets =
    [
        ("tl_2024_35_place.zip", "PLACE", "place_2024"),
        ("tl_2024_35013_edges.zip", "EDGES", "edges_2024"),
    ];

    [Fact]
    public async Task No_mutation_is_a_bug_a_hang_or_a_wrong_publish()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("TIGER_FUZZ_SEED"), out var s) ? s : 20261126;
        TestContext.Current.TestOutputHelper?.WriteLine($"fuzz seed {seed} (TIGER_FUZZ_SEED), {Mutations} mutations");
        var random = new Random(seed);
        await using var db = postgis.CreateDataSource();
        using var goodFolder = new TempFolder().WithSamples(Targets.Select(t => t.File).ToArray());
        using var folder = new TempFolder();
        var good = new Dictionary<string, HashSet<string>>();
        foreach (var (file, layer, table) in Targets)
        {
            File.Copy(Path.Combine(goodFolder.Path, file), Path.Combine(folder.Path, file), overwrite: true);
            await ImportAsync(db, folder.Path, layer);
            good[table] = await TableChecksum.RowDigestsAsync(db, $"fuzz.{table}");
            File.Delete(Path.Combine(folder.Path, file));
        }

        var problems = new List<string>();
        var outcomes = new Dictionary<string, int>();
        for (var i = 0; i < Mutations && problems.Count < 10; i++)
        {
            var (file, layer, table) = Targets[i % Targets.Length];
            var path = Path.Combine(folder.Path, file);
            var mutation = ZipMutator.Apply(random, Path.Combine(goodFolder.Path, file), path);
            var label = $"seed {seed} #{i} {file} {mutation.Description}";
            var clock = Stopwatch.StartNew();
            LayerResult result;
            try
            {
                result = await ImportAsync(db, folder.Path, layer);
            }
            catch (Exception e)
            {
                problems.Add($"{label}: {(FailureClassifier.Classify(e) is null ? "a bug (exit 1)" : "escaped the layer")}: {e}");
                continue;
            }
            finally
            {
                File.Delete(path);
            }

            if (clock.Elapsed > RunBound)
            {
                problems.Add($"{label}: took {clock.Elapsed}");
            }

            var outcome = result.Failure?.ToString() ?? "published";
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
            var rows = await TableChecksum.RowDigestsAsync(db, $"fuzz.{table}");
            var added = rows.Except(good[table]).Count();
            var removed = good[table].Except(rows).Count();
            if (result.Failure is { } failure)
            {
                if (failure is not (FailureKind.Data or FailureKind.Source or FailureKind.Usage) || added + removed > 0)
                {
                    problems.Add($"{label}: failed as {failure} ({result.Error}); published table changed by +{added}/-{removed}");
                }

                continue;
            }

            var limit = mutation.RecordScoped ? 1 : 0;
            var bad = await TestImport.ScalarAsync<long>(
                db, $"SELECT count(*) FROM fuzz.{table} WHERE NOT ST_IsValid(geom) OR ST_IsEmpty(geom) OR ST_XMin(geom) < -180 OR ST_XMax(geom) > 180 OR ST_YMin(geom) < -90 OR ST_YMax(geom) > 90");
            if (added > limit || removed > limit || bad > 0 || result.Read != good[table].Count || result.Rejected > limit)
            {
                problems.Add($"{label}: published +{added}/-{removed} rows against the good file's, {bad} bad geometries, {result.Read} read, {result.Rejected} rejected");
            }

            if (added + removed > 0)
            {
                // Restoring the good file is scaffolding, not a case: the change gates must not keep the mutated rows.
                File.Copy(Path.Combine(goodFolder.Path, file), path);
                Assert.Null((await ImportAsync(db, folder.Path, layer, restoring: true)).Failure);
                File.Delete(path);
            }
        }

        var peak = Process.GetCurrentProcess().PeakWorkingSet64;
        TestContext.Current.TestOutputHelper?.WriteLine($"outcomes: {string.Join(", ", outcomes.Select(o => $"{o.Key} {o.Value}"))}; peak working set {peak >> 20} MiB");
        Assert.True(problems.Count == 0, string.Join("\n\n", problems));
        Assert.True(peak < MemoryBound, $"peak working set {peak >> 20} MiB");
    }

    /// <summary>One import of the layer from the folder into <paramref name="schema"/>, in-process, bounded in time.</summary>
    /// <param name="restoring">Publishing the good file again over a mutated one: the change gates are overridden.</param>
    internal static async Task<LayerResult> ImportAsync(Npgsql.NpgsqlDataSource db, string folder, string layer, string schema = "fuzz", bool restoring = false)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(RunBound * 2);
        var runner = new ImportRunner(db, new LocalFolderSource(folder), NullLogger.Instance);
        var summary = await runner.ImportAsync(Guid.NewGuid(), ImportRequest.Parse("2024", layer, null, null), new ImportOptions(schema) { AllowChange = restoring, AllowShrink = restoring }, timeout.Token);
        return summary.Layers.Single();
    }
}
