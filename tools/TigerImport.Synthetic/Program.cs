using TigerImport.Samples;

namespace TigerImport.Synthetic;

/// <summary>
/// Writes synthetic TIGER-schema zips for benchmarks:
/// <c>dotnet run --project tools/TigerImport.Synthetic -- edges|tracts MEGABYTES OUTPUT_DIRECTORY</c> (one large file), or
/// <c>… county-edges|county-faces FILES OUTPUT_DIRECTORY</c> (a state's worth of county files, real sizes: see
/// <see cref="CountySizes"/>). The feature count for a wanted zip size comes from a 2,000-feature calibration file of
/// the same kind, so the output is deterministic for a given size.
/// </summary>
internal static class Program
{
    private const int UsageError = 2;
    private const int CalibrationFeatures = 2_000;

    private static int Main(string[] args)
    {
        if (args is not [var kind, var numberText, var output] || !int.TryParse(numberText, out var number) || number < 1
            || kind is not ("edges" or "tracts" or "county-edges" or "county-faces") || (kind.StartsWith("county-", StringComparison.Ordinal) && number > 254))
        {
            Console.Error.WriteLine("usage: TigerImport.Synthetic edges|tracts MEGABYTES OUTPUT_DIRECTORY | county-edges|county-faces FILES(1-254) OUTPUT_DIRECTORY");
            return UsageError;
        }

        if (kind.StartsWith("county-", StringComparison.Ordinal))
        {
            Func<int, int, TigerLayerSample> county = kind == "county-edges" ? CountyLayers.Edges : CountyLayers.Faces;
            var perFeature = BytesPerFeature(count => county(0, count));
            Parallel.For(0, number, new ParallelOptions { MaxDegreeOfParallelism = 2 }, index =>
            {
                var count = Math.Max(10, (int)(CountySizes.Bytes(index) / perFeature));
                Write(output, county(index, count), count);
            });
            return 0;
        }

        Func<int, TigerLayerSample> layer = kind == "edges" ? SyntheticLayers.Edges : SyntheticLayers.Tracts;
        var features = (int)Math.Min(int.MaxValue, number * 1024.0 * 1024.0 / BytesPerFeature(layer));
        Write(output, layer(features), features);
        return 0;
    }

    private static double BytesPerFeature(Func<int, TigerLayerSample> layer)
    {
        var calibration = Path.Combine(Path.GetTempPath(), $"tigerimport-synthetic-{Environment.ProcessId}.zip");
        TigerZipWriter.Write(calibration, layer(CalibrationFeatures));
        var bytesPerFeature = new FileInfo(calibration).Length / (double)CalibrationFeatures;
        File.Delete(calibration);
        return bytesPerFeature;
    }

    private static void Write(string output, TigerLayerSample sample, int count)
    {
        var zipPath = Path.Combine(output, sample.BaseName + ".zip");
        TigerZipWriter.Write(zipPath, sample);
        Console.WriteLine($"{zipPath}\t{count} features\t{new FileInfo(zipPath).Length} bytes");
    }
}
