namespace TigerImport.Tests.Support;

/// <summary>The committed samples served by a <see cref="FaultServer"/> laid out like Census's tree, each with the validators a test gives it.</summary>
internal sealed class SampleMirror(FaultServer server)
{
    public const string Layers = "STATE,COUNTY,CD,SLDU,PLACE,ZCTA520,EDGES";

    private readonly Dictionary<string, List<string>> listings = new(StringComparer.Ordinal);

    /// <summary>The sample zips of 2024, each published as its own file.</summary>
    public static IReadOnlyList<string> SampleNames { get; } =
        Directory.GetFiles(RepoPaths.Samples, "tl_2024_*.zip").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();

    /// <summary>The Census path of a sample, e.g. <c>TIGER2024/PLACE/tl_2024_35_place.zip</c>.</summary>
    public static string PathOf(string name) => TestSources.File(name).CensusPath;

    /// <summary>Serves every sample (and the listings of their folders) with an ETag made of <paramref name="release"/> and the name, and a Last-Modified.</summary>
    public SampleMirror ServeAll(string release = "v1", bool validators = true)
    {
        foreach (var name in SampleNames)
        {
            Serve(name, validators ? $"\"{release}-{name}\"" : null, validators ? new DateTimeOffset(2024, 9, 5, 10, 12, 0, TimeSpan.Zero) : null);
        }

        return this;
    }

    /// <summary>Serves one sample (its committed bytes unless given) with these validators, and lists it in its folder.</summary>
    public void Serve(string name, string? etag, DateTimeOffset? lastModified, byte[]? bytes = null)
    {
        var file = TestSources.File(name);
        server.Map(file.CensusPath, Responses.Release(bytes ?? File.ReadAllBytes(Path.Combine(RepoPaths.Samples, name)), etag, lastModified));
        var folder = file.Vintage.CensusDirectory + "/";
        if (!listings.TryGetValue(folder, out var names))
        {
            listings[folder] = names = [];
        }

        if (!names.Contains(name))
        {
            names.Add(name);
        }

        server.Map(folder, Responses.Listing(file.Vintage.CensusDirectory, names.ToList()));
    }
}
