using TigerImport.Tests.Support;

namespace TigerImport.Tests.Integrity;

/// <summary>Runs the real executable on a folder of zips, as an operator would, and queries what it published.</summary>
internal static class IntegrityCli
{
    public static Task<(int ExitCode, string Output)> ImportAsync(
        PostgisServer postgis, string folder, string schema, string layer, IEnumerable<string>? extra = null, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var year = Directory.GetFiles(folder, "*.zip").Select(p => Path.GetFileName(p)[3..7]).First(); // tl_YYYY_… or cb_YYYY_…
        return CliProcess.RunWithVariablesAsync(postgis.Url, environment, ["import", "--source", folder, "--year", year, "--layers", layer, "--schema", schema, .. extra ?? []]);
    }

    public static async Task<T> ScalarAsync<T>(PostgisServer postgis, string sql)
    {
        await using var db = postgis.CreateDataSource();
        return await TestImport.ScalarAsync<T>(db, sql);
    }

    /// <summary>Publishes the good file, damages it, imports it again; returns the second run and the checksums around it.</summary>
    public static async Task<(int ExitCode, string Output, string Before, string After)> ReimportDamagedAsync(
        PostgisServer postgis, string schema, string sample, string layer, Action<ShapefileZip> damage, string? renameTo = null, params string[] extra)
    {
        using var folder = WithFile(sample);
        var path = Path.Combine(folder.Path, sample);
        var first = await ImportAsync(postgis, folder.Path, schema, layer, extra);
        Assert.True(first.ExitCode == 0, first.Output);
        var table = $"{schema}.{layer.ToLowerInvariant()}_{sample[3..7]}";
        var before = await TableChecksum.OfAsync(postgis, table);

        var zip = ShapefileZip.Read(path);
        damage(zip);
        File.Delete(path);
        if (renameTo is null)
        {
            zip.Write(path);
        }
        else
        {
            zip.WriteNamedAs(Path.Combine(folder.Path, renameTo));
        }
        var (exitCode, output) = await ImportAsync(postgis, folder.Path, schema, layer, extra);
        return (exitCode, output, before, await TableChecksum.OfAsync(postgis, table));
    }

    /// <summary>A folder with the sample of that name, or the real Census zip from ../shared (skipping without it).</summary>
    public static TempFolder WithFile(string name)
    {
        var folder = new TempFolder();
        var sample = Path.Combine(RepoPaths.Samples, name);
        File.Copy(File.Exists(sample) ? sample : Path.Combine(RepoPaths.SharedTiger, name), Path.Combine(folder.Path, name));
        return folder;
    }

    /// <summary>Damages a copy of the sample (or ../shared zip) and imports it into an empty schema: a first load.</summary>
    public static async Task<(int ExitCode, string Output)> ImportDamagedAsync(
        PostgisServer postgis, string schema, string sample, string layer, Action<ShapefileZip> damage, params string[] extra)
    {
        using var folder = WithFile(sample);
        var path = Path.Combine(folder.Path, sample);
        var zip = ShapefileZip.Read(path);
        damage(zip);
        zip.Write(path);
        return await ImportAsync(postgis, folder.Path, schema, layer, extra);
    }

    /// <summary>A damaged first load: exit 4, the file and every cause named, and no table published.</summary>
    public static async Task AssertRefusedOnFirstLoadAsync(PostgisServer postgis, string schema, string file, string layer, Action<ShapefileZip> lie, params string[] causes)
    {
        var (exitCode, output) = await ImportDamagedAsync(postgis, schema, file, layer, lie);

        Assert.True(exitCode == 4, output);
        Assert.Contains(file, output);
        foreach (var cause in causes)
        {
            Assert.Contains(cause, output);
        }

        Assert.Equal(0L, await ScalarAsync<long>(postgis, $"SELECT count(*) FROM pg_tables WHERE schemaname = '{schema}' AND tablename = '{layer.ToLowerInvariant()}_{file[3..7]}'"));
    }

    /// <summary>"record reason|record reason…" of the schema's rejects, by record number.</summary>
    public static Task<string> RejectsAsync(PostgisServer postgis, string schema) =>
        ScalarAsync<string>(postgis, $"SELECT string_agg(record_number || ' ' || reason, '|' ORDER BY record_number) FROM {schema}.tiger_rejects");

    /// <summary>Exit 4, the file and every cause named, and the published table as it was.</summary>
    public static void AssertDataError((int ExitCode, string Output, string Before, string After) run, string file, params string[] causes)
    {
        Assert.True(run.ExitCode == 4, run.Output);
        Assert.Contains(file, run.Output);
        foreach (var cause in causes)
        {
            Assert.Contains(cause, run.Output);
        }

        Assert.Equal(run.Before, run.After);
    }
}
