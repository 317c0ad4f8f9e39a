using TigerImport.Samples;

namespace TigerImport.Synthetic;

/// <summary>
/// Writes a large synthetic TIGER-schema zip for benchmarks:
/// <c>dotnet run --project tools/TigerImport.Synthetic -- edges|tracts MEGABYTES OUTPUT_DIRECTORY</c>.
/// The feature count for the wanted zip size comes from a 2,000-feature calibration file of the same kind, so the
/// output is deterministic for a given size.
/// </summary>
internal static class Program
{
    private const int UsageError = 2;
    private const int CalibrationFeatures = 2_000;

    private static int Main(string[] args)
    {
        if (args is not [var kind, var megabytesText, var output] || !int.TryParse(megabytesText, out var megabytes) || megabytes < 1
            || kind is not ("edges" or "tracts"))
        {
            Console.Error.WriteLine("usage: TigerImport.Synthetic edges|tracts MEGABYTES OUTPUT_DIRECTORY");
            return UsageError;
        }

        Func<int, TigerLayerSample> layer = kind == "edges" ? SyntheticLayers.Edges : SyntheticLayers.Tracts;
        var calibration = Path.Combine(Path.GetTempPath(), $"tigerimport-synthetic-{Environment.ProcessId}.zip");
        TigerZipWriter.Write(calibration, layer(CalibrationFeatures));
        var bytesPerFeature = new FileInfo(calibration).Length / (double)CalibrationFeatures;
        File.Delete(calibration);

        var count = (int)Math.Min(int.MaxValue, megabytes * 1024.0 * 1024.0 / bytesPerFeature);
        var sample = layer(count);
        var zipPath = Path.Combine(output, sample.BaseName + ".zip");
        TigerZipWriter.Write(zipPath, sample);
        Console.WriteLine($"{zipPath}\t{count} features\t{new FileInfo(zipPath).Length} bytes");
        return 0;
    }
}
