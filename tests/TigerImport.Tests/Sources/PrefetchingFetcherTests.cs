using TigerImport.Catalog;
using TigerImport.Sources;
using TigerImport.Tests.Support;

namespace TigerImport.Tests.Sources;

public sealed class PrefetchingFetcherTests : IDisposable
{
    private static readonly List<TigerFile> Files =
        new[] { "01", "02", "04", "05", "06", "08" }.Select(fips => TestSources.File($"tl_2024_{fips}_place.zip")).ToList();

    private readonly TempFolder temp = new();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task Hands_files_out_in_order_while_the_next_ones_download()
    {
        var source = new ScriptedSource(temp.Path);
        await using var fetcher = PrefetchingFetcher.Start(source, Files, depth: 2, Cancellation);

        foreach (var file in Files)
        {
            using var fetched = await fetcher.NextAsync(file, Cancellation);
            Assert.EndsWith(file.FileName, fetched.Path);

            // While this one "loads", the next two are fetched, and no more are started.
            var ahead = Math.Min(Files.Count, Files.IndexOf(file) + 3);
            await source.WaitForCompletedAsync(ahead);
            await Task.Delay(30, Cancellation);
            Assert.Equal(ahead, source.Started);
        }

        Assert.Equal(3, source.MaxOnDisk);
    }

    [Fact]
    public async Task A_failed_fetch_surfaces_at_its_own_file_and_files_never_handed_out_are_deleted()
    {
        var source = new ScriptedSource(temp.Path) { FailOn = Files[1].FileName };
        var fetcher = PrefetchingFetcher.Start(source, Files, depth: 2, Cancellation);

        using (var first = await fetcher.NextAsync(Files[0], Cancellation))
        {
            Assert.True(File.Exists(first.Path));
        }

        var error = await Assert.ThrowsAsync<TigerImportException>(() => fetcher.NextAsync(Files[1], Cancellation));
        Assert.Contains(Files[1].FileName, error.Message);
        await source.WaitForStartedAsync(4);
        await fetcher.DisposeAsync();

        Assert.Empty(temp.Files);
    }

    [Fact]
    public async Task Files_must_be_asked_for_in_the_planned_order()
    {
        await using var fetcher = PrefetchingFetcher.Start(new ScriptedSource(temp.Path), Files, depth: 1, Cancellation);

        await Assert.ThrowsAsync<InvalidOperationException>(() => fetcher.NextAsync(Files[1], Cancellation));
    }

    /// <summary>A source whose "downloads" write a small temp file after a short delay; it notes the most files on disk at once.</summary>
    private sealed class ScriptedSource(string folder) : ITigerSource
    {
        private readonly Lock gate = new();
        private int started;
        private int completed;
        private int maxOnDisk;

        public string? FailOn { get; init; }

        public string DisplayName => "scripted";

        public SourceStatistics Statistics { get; } = new();

        public int Started => Volatile.Read(ref started);

        public int MaxOnDisk => Volatile.Read(ref maxOnDisk);

        public Task<IReadOnlyCollection<string>?> ListAsync(TigerLayerVintage vintage, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyCollection<string>?>(null);

        public Task<FileVersion> ProbeAsync(TigerFile file, CancellationToken cancellationToken) => throw new NotSupportedException("The fetcher never probes.");

        public async Task<FetchedFile> FetchAsync(TigerFile file, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref started);
            await Task.Delay(20, cancellationToken);
            try
            {
                if (file.FileName == FailOn)
                {
                    throw new TigerImportException(FailureKind.Source, $"{file.FileName}: scripted failure");
                }

                var path = Path.Combine(folder, file.FileName);
                await File.WriteAllTextAsync(path, "zip", cancellationToken);
                lock (gate)
                {
                    maxOnDisk = Math.Max(maxOnDisk, Directory.GetFiles(folder).Length);
                }

                return new FetchedFile(path, isTemporary: true);
            }
            finally
            {
                Interlocked.Increment(ref completed);
            }
        }

        public async Task WaitForStartedAsync(int count)
        {
            for (var i = 0; i < 400 && Started < count; i++)
            {
                await Task.Delay(5, Cancellation);
            }
        }

        public async Task WaitForCompletedAsync(int count)
        {
            for (var i = 0; i < 400 && Volatile.Read(ref completed) < count; i++)
            {
                await Task.Delay(5, Cancellation);
            }
        }
    }
}
