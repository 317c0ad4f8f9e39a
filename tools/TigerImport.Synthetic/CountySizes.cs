namespace TigerImport.Synthetic;

/// <summary>
/// The zip sizes of a state's county files: real county EDGES zips range from about 50 KB (a small rural county) to
/// 10 MB (a metropolitan one), most of them small. The <c>n</c>-th file's size is log-uniform over that range, taken
/// in a fixed scrambled order (so the first few files are already a spread of sizes): median about 0.7 MB.
/// </summary>
internal static class CountySizes
{
    private const double Smallest = 50 * 1024, Largest = 10 * 1024 * 1024;

    public static double Bytes(int index)
    {
        // The golden-ratio sequence: evenly spread quantiles in [0, 1) whatever the count.
        var quantile = index * 0.6180339887498949 % 1.0;
        return Smallest * Math.Pow(Largest / Smallest, quantile);
    }
}
