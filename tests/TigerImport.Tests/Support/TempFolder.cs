using TigerImport.Samples;

namespace TigerImport.Tests.Support;

/// <summary>
/// A fresh folder for one test, deleted afterwards: a source of zips (copies of committed samples, synthetic files)
/// or a download folder that tests check is left empty after a failure.
/// </summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("tigerimport-test-").FullName;

    /// <summary>Every file in the folder: partial downloads included.</summary>
    public IReadOnlyList<string> Files => Directory.GetFiles(Path).Select(System.IO.Path.GetFileName).OfType<string>().ToList();

    public TempFolder WithSamples(params string[] names)
    {
        foreach (var name in names)
        {
            File.Copy(System.IO.Path.Combine(RepoPaths.Samples, name), System.IO.Path.Combine(Path, name), overwrite: true);
        }

        return this;
    }

    public string Write(TigerLayerSample sample)
    {
        var path = System.IO.Path.Combine(Path, sample.BaseName + ".zip");
        TigerZipWriter.Write(path, sample);
        return path;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
