namespace TigerImport.Tests.Support;

/// <summary>Finds the repository and the <c>shared/</c> folder beside it (real TIGER files; absent in a user's clone).</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Samples => Path.Combine(Root, "samples");

    /// <summary>The real Census zips in <c>../shared/tiger</c>, or a skip when this clone has none.</summary>
    public static string SharedTiger
    {
        get
        {
            var path = Path.GetFullPath(Path.Combine(Root, "..", "shared", "tiger"));
            Assert.SkipUnless(Directory.Exists(path), $"No real TIGER files at {path} (a user's clone has no ../shared): skipped.");
            return path;
        }
    }

    /// <summary>
    /// Each real Census zip in ../shared/tiger, for theories. When absent, one row that skips: xunit fails a theory
    /// with no data, which would fail every user's clone.
    /// </summary>
    public static TheoryData<string> SharedTigerZips()
    {
        var path = Path.GetFullPath(Path.Combine(Root, "..", "shared", "tiger"));
        var data = new TheoryData<string>();
        if (!Directory.Exists(path))
        {
            data.Add(new TheoryDataRow<string>("none") { Skip = $"No real TIGER files at {path} (a user's clone has no ../shared): skipped." });
            return data;
        }

        foreach (var zip in Directory.EnumerateFiles(path, "*.zip").Order())
        {
            data.Add(Path.GetFileName(zip));
        }

        return data;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TigerImport.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("TigerImport.sln not found above " + AppContext.BaseDirectory);
    }
}
