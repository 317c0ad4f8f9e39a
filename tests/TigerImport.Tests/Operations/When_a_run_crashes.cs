using Microsoft.Extensions.Logging.Abstractions;
using TigerImport.Catalog;
using TigerImport.Import;
using TigerImport.Sources;
using TigerImport.Tests.Support;

namespace TigerImport.Tests.Operations;

/// <summary>A bug is not a stop: a run that crashes is journaled 'failed', never 'cancelled'.</summary>
[Collection(PostgisCollection.Name)]
public sealed class When_a_run_crashes(PostgisServer postgis)
{
    [Fact]
    public async Task Its_run_row_says_failed()
    {
        await using var db = postgis.CreateDataSource();
        var runner = new ImportRunner(db, new BuggySource(), NullLogger.Instance);

        await Assert.ThrowsAsync<InvalidOperationException>(() => runner.ImportAsync(
            Guid.NewGuid(), ImportRequest.Parse("2024", "PLACE", null, null), new ImportOptions("crashed"), TestContext.Current.CancellationToken));

        Assert.Equal("failed", await TestImport.ScalarAsync<string>(db, "SELECT status FROM crashed.tiger_runs"));
    }

    /// <summary>No real source has a known bug to trigger; this one stands for one, failing the way a bug does.</summary>
    private sealed class BuggySource : ITigerSource
    {
        public string DisplayName => "a source with a bug";

        public SourceStatistics Statistics { get; } = new();

        public Task<IReadOnlyCollection<string>?> ListAsync(TigerLayerVintage vintage, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("a bug");

        public Task<FetchedFile> FetchAsync(TigerFile file, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("a bug");

        public Task<FileVersion> ProbeAsync(TigerFile file, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("a bug");
    }
}
