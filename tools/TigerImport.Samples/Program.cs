using TigerImport.Samples.Vintage2024;

namespace TigerImport.Samples;

/// <summary>Regenerates the committed sample zips: <c>dotnet run --project tools/TigerImport.Samples -- samples/</c>.</summary>
internal static class Program
{
    private const int UsageError = 2;

    private static int Main(string[] args)
    {
        if (args.Length != 1)
        {
            Console.Error.WriteLine("usage: TigerImport.Samples <output-directory>");
            return UsageError;
        }

        var regions = Path.Combine(args[0], RegionSampleSet2024.Folder);
        Directory.CreateDirectory(regions);
        foreach (var (folder, sample) in SampleSet2024.All.Select(s => (args[0], s)).Concat(RegionSampleSet2024.All.Select(s => (regions, s))))
        {
            var zipPath = Path.Combine(folder, sample.BaseName + ".zip");
            TigerZipWriter.Write(zipPath, sample);
            Console.WriteLine($"{zipPath}\t{sample.Features.Count} features\t{new FileInfo(zipPath).Length} bytes");
        }

        return 0;
    }
}
