using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;

namespace TigerImport.Import;

/// <summary>
/// Runs a sequential source on its own thread, processes its items in batches on the thread pool, and yields the results
/// in source order, so reading, processing and the caller's writing overlap on every core. It behaves as the plain loop
/// would: an error (from the source or from processing an item) surfaces where that item stands, after every earlier
/// result. Memory is bounded: at most <see cref="Limits.InFlight"/> batches wait, each closed at a count of items or
/// a total weight (geometry points), whichever comes first.
/// </summary>
internal static class OrderedBatchPipeline
{
    /// <summary>How many items or how much weight closes a batch, and how many batches may be in flight.</summary>
    public readonly record struct Limits(int Items, long Weight, int InFlight);

    public static async IAsyncEnumerable<TOut> RunAsync<TIn, TOut>(
        Func<CancellationToken, IEnumerable<TIn>> source,
        Func<TIn, long> weight,
        Func<TIn, TOut> process,
        Limits limits,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var batches = Channel.CreateBounded<Task<Result<TOut>[]>>(new BoundedChannelOptions(limits.InFlight) { SingleReader = true, SingleWriter = true });
        var reading = Task.Factory.StartNew(
            () => Read(source(stop.Token), weight, process, limits, batches.Writer, stop.Token), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            await foreach (var batch in batches.Reader.ReadAllAsync(cancellationToken))
            {
                foreach (var result in await batch)
                {
                    result.Error?.Throw();
                    yield return result.Value!;
                }
            }
        }
        finally
        {
            // The caller stopped early (an error, a full reject budget, a stop): the source thread must be done with
            // its streams before the caller disposes them, and no batch may be left running.
            await stop.CancelAsync();
            await reading;
            while (batches.Reader.TryRead(out var pending))
            {
                await pending.WhenSettled();
            }
        }
    }

    private static void Read<TIn, TOut>(
        IEnumerable<TIn> source, Func<TIn, long> weight, Func<TIn, TOut> process, Limits limits, ChannelWriter<Task<Result<TOut>[]>> batches, CancellationToken stop)
    {
        try
        {
            var batch = new List<TIn>();
            long batchWeight = 0;
            foreach (var item in source)
            {
                batch.Add(item);
                batchWeight += weight(item);
                if (batch.Count >= limits.Items || batchWeight >= limits.Weight)
                {
                    Emit(batch);
                    batch = [];
                    batchWeight = 0;
                }
            }

            if (batch.Count > 0)
            {
                Emit(batch);
            }

            batches.TryComplete();
        }
        catch (Exception e)
        {
            // Read by the consumer after every batch emitted before it, so it surfaces in order.
            batches.TryComplete(e);
        }

        void Emit(List<TIn> items)
        {
            var processing = Task.Run(() => items.Select(item => Result<TOut>.Of(process, item)).ToArray(), CancellationToken.None);
            while (!batches.TryWrite(processing))
            {
                if (!batches.WaitToWriteAsync(stop).AsTask().GetAwaiter().GetResult())
                {
                    return;
                }
            }
        }
    }

    private readonly record struct Result<T>(T? Value, ExceptionDispatchInfo? Error)
    {
        public static Result<T> Of<TIn>(Func<TIn, T> process, TIn item)
        {
            try
            {
                return new(process(item), null);
            }
            catch (Exception e)
            {
                return new(default, ExceptionDispatchInfo.Capture(e));
            }
        }
    }
}
