using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using TigerImport.Catalog;
using TigerImport.Import;
using TigerImport.Sources.Folder;

namespace TigerImport.Tests.Support;

/// <summary>Runs the real pipeline (planner, source, loader, publisher) against the test database.</summary>
internal static class TestImport
{
    /// <param name="force">Publish again files unchanged since their last publish (the tests that republish the same samples).</param>
    /// <param name="allowShrink">Publish a partition far smaller than the one it replaces (the tests that cut a file down).</param>
    /// <param name="allowDrift">Publish fields the published table or the run's other files lack (the tests of drift itself).</param>
    public static async Task<ImportSummary> RunAsync(
        NpgsqlDataSource dataSource,
        string sourceFolder,
        string schema,
        int year,
        string layers,
        string? states = null,
        string? counties = null,
        int srid = 4326,
        bool force = false,
        bool allowShrink = false,
        bool allowDrift = false)
    {
        var request = ImportRequest.Parse(year.ToString(), layers, states, counties);
        var runner = new ImportRunner(dataSource, new LocalFolderSource(sourceFolder), NullLogger.Instance);
        var options = new ImportOptions(schema, srid) { Force = force, AllowShrink = allowShrink, AllowDrift = allowDrift };
        return await runner.ImportAsync(Guid.NewGuid(), request, options, TestContext.Current.CancellationToken);
    }

    /// <summary>A scalar query, for assertions.</summary>
    public static async Task<T> ScalarAsync<T>(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    public static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }
}
