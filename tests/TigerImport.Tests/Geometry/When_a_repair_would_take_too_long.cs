using System.Diagnostics;
using NetTopologySuite.Geometries;
using TigerImport.Catalog;
using TigerImport.Geometry;
using TigerImport.Tests.Integrity;
using TigerImport.Tests.Support;

namespace TigerImport.Tests.Geometry;

/// <summary>
/// Repair is bounded per feature: a shape whose repair would take minutes (a star whose every edge crosses most
/// others) is a counted reject within seconds, a Census-like self-touch is still repaired, and a stop (SIGTERM)
/// ends a run busy repairing within the shutdown grace with exit 130.
/// </summary>
[Collection(PostgisCollection.Name)]
public sealed class When_a_repair_would_take_too_long(PostgisServer postgis)
{
    private static NetTopologySuite.Geometries.Geometry StarPolygon(int points) =>
        new GeometryFactory().CreatePolygon(ShapefileZip.Star(points, -106, 35, 0.01).Select(p => new Coordinate(p.X, p.Y)).ToArray());

    [Fact]
    public void A_20000_point_star_is_rejected_within_seconds()
    {
        var clock = Stopwatch.StartNew();

        var verdict = new GeometryNormalizer(LayerGeometry.MultiPolygon).Normalize(StarPolygon(20_000), TestContext.Current.CancellationToken);

        Assert.Equal(GeometryFate.Rejected, verdict.Fate);
        Assert.Contains($"more than {RepairBudget.MaxIntersections} self-intersections, over the per-feature repair budget", verdict.Reason);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public void A_star_within_the_budget_is_repaired()
    {
        var verdict = new GeometryNormalizer(LayerGeometry.MultiPolygon).Normalize(StarPolygon(21), TestContext.Current.CancellationToken);

        Assert.Equal(GeometryFate.Repaired, verdict.Fate);
        Assert.True(verdict.Geometry!.IsValid);
    }

    [Fact]
    public void A_stopped_run_stops_the_count()
    {
        using var stopped = new CancellationTokenSource();
        stopped.Cancel();

        Assert.Throws<OperationCanceledException>(() => RepairBudget.Exceeded(StarPolygon(20_000), stopped.Token));
    }

    [Fact]
    public async Task A_20000_point_star_in_a_file_is_one_counted_reject()
    {
        var clock = Stopwatch.StartNew();
        var (exitCode, output) = await IntegrityCli.ImportDamagedAsync(
            postgis, "repair_star", "tl_2024_35_place.zip", "PLACE", zip => zip.ReplaceShapes(record => record == 3 ? ShapefileZip.Star(20_000, -106, 35, 0.01) : null));

        Assert.True(exitCode == 0, output);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"took {clock.Elapsed}");
        Assert.Matches(@"^3 not repaired: Self-intersection at .*, and more than 500 self-intersections, over the per-feature repair budget$", await IntegrityCli.RejectsAsync(postgis, "repair_star"));
        Assert.Equal(5L, await IntegrityCli.ScalarAsync<long>(postgis, "SELECT count(*) FROM repair_star.place_2024"));
    }

    [Fact]
    public async Task SIGTERM_while_repairs_run_ends_the_run_with_exit_130_within_the_grace()
    {
        // Every tract of a real state file made a 31-point star: about 400 crossings, repaired in about 0.4 s each.
        const string tracts = "tl_2010_09_tract10.zip";
        using var folder = IntegrityCli.WithFile(tracts);
        var path = Path.Combine(folder.Path, tracts);
        var zip = ShapefileZip.Read(path);
        zip.ReplaceShapes(record => ShapefileZip.Star(31, -72.7 + (record * 1e-4), 41.6, 0.01));
        zip.Write(path);
        using var process = CliProcess.Start(postgis.Url, "import", "--source", folder.Path, "--year", "2010", "--layers", "TRACT", "--schema", "repair_stop");
        await process.WaitForLineAsync("partition 09 is new");
        await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);

        var clock = Stopwatch.StartNew();
        var exitCode = await process.SignalAsync("TERM");

        Assert.True(exitCode == 130, process.Output);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed} after SIGTERM");
        Assert.DoesNotContain("Finished: load TRACT", process.Output);
        Assert.Equal("cancelled", await IntegrityCli.ScalarAsync<string>(postgis, "SELECT status FROM repair_stop.tiger_runs ORDER BY started_at DESC LIMIT 1"));
    }
}
