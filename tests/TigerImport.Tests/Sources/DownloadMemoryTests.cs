using TigerImport.Tests.Support;

namespace TigerImport.Tests.Sources;

/// <summary>Downloads stream to disk: what a download allocates does not grow with the file's size.</summary>
[Collection(MeasurementCollection.Name)]
public sealed class DownloadMemoryTests : FaultServerTest
{
    private const string Path8 = "TIGER2024/PLACE/tl_2024_35_place.zip";
    private const string Path64 = "TIGER2024/PLACE/tl_2024_72_place.zip";

    [Fact]
    public async Task A_download_eight_times_larger_allocates_about_the_same()
    {
        Server.Map(Path8, Responses.File(SyntheticZip.Bytes(8 << 20, seed: 8)));
        Server.Map(Path64, Responses.File(SyntheticZip.Bytes(64 << 20, seed: 64)));
        using var source = TestSources.Http(Server.BaseUrl, Temp.Path);
        (await source.FetchAsync(TestSources.File("tl_2024_35_place.zip"), Cancellation)).Dispose(); // warm-up: JIT, connection

        var small = await AllocatedByAsync(() => source.FetchAsync(TestSources.File("tl_2024_35_place.zip"), Cancellation));
        var large = await AllocatedByAsync(() => source.FetchAsync(TestSources.File("tl_2024_72_place.zip"), Cancellation));

        // Process-wide (the in-process Server counts too): 56 MiB more file must not mean more than 4 MiB more garbage.
        TestContext.Current.SendDiagnosticMessage($"allocated: {small:N0} bytes for 8 MiB, {large:N0} bytes for 64 MiB");
        Assert.True(large - small < 4 << 20, $"{small:N0} bytes allocated for 8 MiB, {large:N0} for 64 MiB");
    }

    private static async Task<long> AllocatedByAsync(Func<Task<TigerImport.Sources.FetchedFile>> fetch)
    {
        var before = GC.GetTotalAllocatedBytes(precise: true);
        (await fetch()).Dispose();
        return GC.GetTotalAllocatedBytes(precise: true) - before;
    }
}
