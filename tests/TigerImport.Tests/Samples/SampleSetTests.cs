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
        using var folder = new TempFolder();
        foreach (var sample in SampleSet2024.All)
        {
            var made = folder.Write(sample);
            var committed = Path.Combine(RepoPaths.Samples, Path.GetFileName(made));
            Assert.True(File.Exists(committed), $"{committed} is missing: run dotnet run --project tools/TigerImport.Samples -- samples/");
            Assert.Equal(Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(committed))), Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(made))));
        }

        Assert.Equal(SampleSet2024.All.Count, Directory.EnumerateFiles(RepoPaths.Samples, "*.zip").Count());
    }
}
