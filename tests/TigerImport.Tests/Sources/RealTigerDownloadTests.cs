using System.Diagnostics;
using System.Security.Cryptography;
using TigerImport.Catalog;
using TigerImport.Sources;
using TigerImport.Tests.Support;

namespace TigerImport.Tests.Sources;

/// <summary>Real Census zips (../shared/tiger; skipped when absent) served in Census's layout, planned from the listing and fetched ahead.</summary>
public sealed class RealTigerDownloadTests : FaultServerTest
{
    [Fact]
    public async Task Every_2010_tract_file_is_planned_from_the_listing_and_downloaded_byte_for_byte_two_at_a_time()
    {
        var zips = Directory.GetFiles(RepoPaths.SharedTiger, "tl_2010_*_tract10.zip").Order().ToList();
        var names = zips.Select(Path.GetFileName).OfType<string>().ToList();
        Server.Map("TIGER2010/TRACT/2010/", Responses.Listing("TIGER2010/TRACT/2010/", names));
        foreach (var zip in zips)
        {
            Server.Map($"TIGER2010/TRACT/2010/{Path.GetFileName(zip)}", Responses.File(await File.ReadAllBytesAsync(zip, Cancellation)));
        }

        using var source = TestSources.Http(Server.BaseUrl, Temp.Path, maxDownloads: 2);
        var plan = Assert.Single(await ImportPlanner.PlanAsync(new ImportRequest(2010, [TestSources.Layer("TRACT")]), source.ListAsync, Cancellation));

        // 22 state files, and North Carolina from its one county file (no state file is held).
        Assert.Equal(names.Count, plan.Files.Count);
        var clock = Stopwatch.StartNew();
        await using (var fetcher = PrefetchingFetcher.Start(source, plan.Files, PrefetchingFetcher.DefaultDepth, Cancellation))
        {
            foreach (var file in plan.Files)
            {
                using var fetched = await fetcher.NextAsync(file, Cancellation);
                Assert.Equal(
                    SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(RepoPaths.SharedTiger, file.FileName), Cancellation)),
                    SHA256.HashData(await File.ReadAllBytesAsync(fetched.Path, Cancellation)));
            }
        }

        var totals = source.Statistics.Snapshot();
        TestContext.Current.SendDiagnosticMessage($"{totals.FilesDownloaded} real files, {totals.BytesDownloaded:N0} bytes in {clock.ElapsedMilliseconds} ms; peak Temp {totals.PeakTempBytes:N0} bytes");
        Assert.Equal(zips.Sum(z => new FileInfo(z).Length), totals.BytesDownloaded);
        Assert.True(Server.MaxInFlight <= 2, $"{Server.MaxInFlight} requests at once");

        // At most three files (one being read, two ahead) were on disk at once.
        var largestThree = zips.Select(z => new FileInfo(z).Length).OrderDescending().Take(3).Sum();
        Assert.InRange(totals.PeakTempBytes, 1, largestThree);
        Assert.Empty(Temp.Files);
    }
}
