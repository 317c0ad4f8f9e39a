using System.Diagnostics;
using TigerImport.Import;

namespace TigerImport.Cli;

/// <summary>
/// The live line a person sees on a terminal while a layer loads: files done/total, features, features/s, elapsed,
/// and an ETA while a big file loads; replaced by the layer's one-line result when the layer ends.
/// </summary>
internal sealed class ProgressLine : IImportObserver, IDisposable
{
    /// <summary>Four redraws a second: the counts look live, and drawing costs nothing next to loading.</summary>
    private static readonly TimeSpan RedrawEvery = TimeSpan.FromMilliseconds(250);

    /// <summary>A file this small loads in a few seconds: an ETA for it would only flicker.</summary>
    private const long EtaFromRecords = 50_000;

    private readonly TerminalStatus status;
    private readonly Timer timer;
    private readonly Lock gate = new();
    private readonly Stopwatch layerClock = new();
    private readonly Stopwatch fileClock = new();
    private string? layer;
    private int files;
    private int filesDone;
    private long features;
    private long fileRecords;
    private long fileRead;

    public ProgressLine(TerminalStatus status)
    {
        this.status = status;
        timer = new Timer(_ => Redraw(), null, RedrawEvery, RedrawEvery);
    }

    public void LayerStarted(string layer, int year, int files)
    {
        this.files = files;
        filesDone = 0;
        Interlocked.Exchange(ref features, 0);
        fileRecords = 0;
        layerClock.Restart();
        this.layer = $"{layer} {year}";
        Redraw();
    }

    public void FileStarted(string file, long records)
    {
        Interlocked.Exchange(ref fileRead, 0);
        fileRecords = records;
        fileClock.Restart();
    }

    public void FeatureRead()
    {
        Interlocked.Increment(ref features);
        Interlocked.Increment(ref fileRead);
    }

    public void FileFinished(FileResult result)
    {
        Interlocked.Increment(ref filesDone);
        fileRecords = 0;
    }

    public void LayerFinished(LayerResult result, long bytesDownloaded)
    {
        var outcome = result.Error is null ? result.Outcome.ToString().ToLowerInvariant() : $"failed ({result.Error})";
        lock (gate)
        {
            layer = null;
            status.Print($"{result.Layer} {result.Year}: {outcome}; {result.Files.Count} file(s), {result.Loaded:N0} loaded, {result.Repaired:N0} repaired, {result.Rejected:N0} rejected in {Clock(result.ElapsedMs / 1000.0)}");
        }
    }

    public void RunFinished(ImportSummary summary, string status)
    {
        lock (gate)
        {
            layer = null;
            this.status.Clear();
        }
    }

    public void Dispose()
    {
        timer.Dispose();
        status.Clear();
    }

    private void Redraw()
    {
        lock (gate)
        {
            if (layer is { } name)
            {
                status.Show(Describe(name));
            }
        }
    }

    private string Describe(string name)
    {
        var seconds = Math.Max(layerClock.Elapsed.TotalSeconds, 0.001);
        var count = Interlocked.Read(ref features);
        var line = $"{name}  {Volatile.Read(ref filesDone)}/{files} files  {count:N0} features  {count / seconds:N0}/s  {Clock(seconds)} elapsed";
        var read = Interlocked.Read(ref fileRead);
        // Only after 1 % of the file: the first records' rate (connection, first COPY buffer) would promise hours.
        if (fileRecords >= EtaFromRecords && read >= fileRecords / 100 && read < fileRecords)
        {
            line += $"  ETA {Clock((fileRecords - read) / (read / fileClock.Elapsed.TotalSeconds))}";
        }

        return line;
    }

    private static string Clock(double seconds) => TimeSpan.FromSeconds(Math.Round(seconds)) is var t && t.TotalHours >= 1
        ? $"{(int)t.TotalHours}:{t:mm\\:ss}"
        : $"{t:m\\:ss}";
}
