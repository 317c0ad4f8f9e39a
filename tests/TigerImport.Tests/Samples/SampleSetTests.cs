using System.Security.Cryptography;
using TigerImport.Samples;
using TigerImport.Samples.Vintage2024;
using TigerImport.Tests.Support;

namespace TigerImport.Tests.Samples;

public sealed class SampleSetTests
{
    [Fact]
    public void The_committed_samples_are_what_the_generator_makes()
    {
        AssertCommitted(RepoPaths.Samples, SampleSet2024.All);
        AssertCommitted(Path.Combine(RepoPaths.Samples, RegionSampleSet2024.Folder), RegionSampleSet2024.All);
    }

    private static void AssertCommitted(string directory, IReadOnlyList<TigerLayerSample> samples)
    {
        using var folder = new TempFolder();
        foreach (var sample in samples)
        {
            var made = folder.Write(sample);
            var committed = Path.Combine(directory, Path.GetFileName(made));
            Assert.True(File.Exists(committed), $"{committed} is missing: run dotnet run --project tools/TigerImport.Samples -- samples/");
            Assert.Equal(Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(committed))), Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(made))));
        }

        Assert.Equal(samples.Count, Directory.EnumerateFiles(directory, "*.zip").Count());
    }
}
