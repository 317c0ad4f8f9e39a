using System.Threading.Channels;
using TigerImport.Catalog;

namespace TigerImport.Sources;

/// <summary>
/// Fetches a layer's files ahead of the loader, in order: while file N loads, up to <c>depth</c> of the next files are
/// downloading or waiting on disk. A fetch is started only when the bounded channel has room, so at most depth + 1
/// files (the one loading included) are in the temp folder at once. A failed fetch surfaces when its file is asked
/// for, exactly where a sequential fetch would have failed. Disposing cancels what is in flight and deletes
/// downloads never handed out.
/// </summary>
public sealed class PrefetchingFetcher : IAsyncDisposable
{
    /// <summary>
    /// Two ahead keeps both of the default two download slots busy while one file loads (Census allows few requests at
    /// once), and bounds temp disk to three files: ~1.6 GB with the largest national files, far below Fargate's 20 GiB.
    /// </summary>
    public const int DefaultDepth = 2;

    private readonly ITigerSource source;
    private readonly IReadOnlyList<TigerFile> files;
    private readonly Channel<Task<FetchedFile>> fetches;
    private readonly CancellationTokenSource stop;
    private readonly Task producer;
    private int next;

    private PrefetchingFetcher(ITigerSource source, IReadOnlyList<TigerFile> files, int depth, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 1);
        this.source = source;
        this.files = files;
        fetches = Channel.CreateBounded<Task<FetchedFile>>(new BoundedChannelOptions(depth) { SingleReader = true, SingleWriter = true });
        stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        producer = Task.Run(() => ProduceAsync(stop.Token), CancellationToken.None);
    }

    /// <summary>Starts fetching <paramref name="files"/>, in this order, up to <paramref name="depth"/> ahead of the reader.</summary>
    public static PrefetchingFetcher Start(ITigerSource source, IReadOnlyList<TigerFile> files, int depth, CancellationToken cancellationToken) =>
        new(source, files, depth, cancellationToken);

    /// <summary>The next file, which must be <paramref name="expected"/> (files are handed out in the order given).</summary>
    public async Task<FetchedFile> NextAsync(TigerFile expected, CancellationToken cancellationToken)
    {
        if (next >= files.Count || files[next] != expected)
        {
            throw new InvalidOperationException($"Asked for {expected.FileName}, but the next file is {(next < files.Count ? files[next].FileName : "none")}.");
        }

        next++;
        var fetch = await fetches.Reader.ReadAsync(cancellationToken);
        return await fetch;
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await producer;
        while (fetches.Reader.TryRead(out var fetch))
        {
            try
            {
                (await fetch).Dispose();
            }
            catch (Exception)
            {
                // Cancelled or failed and never asked for: nothing to report, and nothing left on disk.
            }
        }

        stop.Dispose();
    }

    private async Task ProduceAsync(CancellationToken cancellationToken)
    {
        try
        {
            foreach (var file in files)
            {
                // Wait for room first, then start the fetch: a fetch is never started without a place to put it.
                if (!await fetches.Writer.WaitToWriteAsync(cancellationToken))
                {
                    return;
                }

                fetches.Writer.TryWrite(Fetch(file, cancellationToken));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            fetches.Writer.TryComplete();
        }
    }

    /// <summary>The fetch as a task, even when the source throws before its first await (a local folder does).</summary>
    private Task<FetchedFile> Fetch(TigerFile file, CancellationToken cancellationToken)
    {
        try
        {
            return source.FetchAsync(file, cancellationToken);
        }
        catch (Exception e)
        {
            return Task.FromException<FetchedFile>(e);
        }
    }
}
