using TigerImport.Samples;

namespace TigerImport.Tests.Support;

/// <summary>A temp folder of zips for one test: copies of committed samples and synthetic files; deleted on dispose.</summary>
internal sealed class SampleFolder : IDisposable
{
    public SampleFolder()
    {
        Path = Directory.CreateTempSubdirectory("tigerimport-test-").FullName;
    }

    public string Path { get; }

    public SampleFolder WithSamples(params string[] names)
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
