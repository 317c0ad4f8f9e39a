using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace TigerImport.Sources;

/// <summary>
/// Runs a whole unit of work (one download, one listing, one upload) with the policy's retries, each attempt under the
/// attempt timeout; for an origin host, a circuit breaker in between stops requests to a host that keeps refusing.
/// <see cref="TransientFaults"/> decides what is retried and what counts against the host.
/// </summary>
internal sealed class DownloadResilience
{
    private static readonly ResiliencePropertyKey<string> OperationKey = new("tigerimport.operation");
    private static readonly ResiliencePropertyKey<string> UrlKey = new("tigerimport.url");

    private readonly ResiliencePipeline pipeline;
    private volatile string? breakReason;

    /// <param name="maxAttempts">Attempts per unit of work, the first included.</param>
    /// <param name="breakerHost">The host a circuit breaker guards, or null for none (S3: the SDK and AWS cope with load).</param>
    public DownloadResilience(DownloadPolicy policy, int maxAttempts, string? breakerHost, ILogger logger)
    {
        var builder = new ResiliencePipelineBuilder();
        if (maxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = maxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = policy.FirstRetryDelay,
                MaxDelay = policy.MaxRetryDelay,
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } e && TransientFaults.IsTransient(e) && !AsksTooLong(e, policy)),

                // Retry-After wins over the computed backoff: the server said when it will talk to us again.
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Exception is DownloadFault { RetryAfter: { } after } ? after : (TimeSpan?)null),
                OnRetry = args =>
                {
                    Log.Retrying(
                        logger,
                        args.Context.Properties.GetValue(OperationKey, "request"),
                        args.Context.Properties.GetValue(UrlKey, ""),
                        args.AttemptNumber + 1,
                        args.Outcome.Exception is { } e ? ExceptionMessage.WithCause(e) : "no result",
                        (long)args.RetryDelay.TotalMilliseconds);
                    return ValueTask.CompletedTask;
                },
            });
        }

        if (breakerHost is not null)
        {
            builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = policy.BreakerFailureRatio,
                MinimumThroughput = policy.BreakerMinimumThroughput,
                SamplingDuration = policy.BreakerSamplingDuration,
                BreakDuration = policy.BreakerBreakDuration,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e && TransientFaults.CountsAgainstHost(e)),
                OnOpened = args =>
                {
                    breakReason = args.Outcome.Exception is { } e ? ExceptionMessage.WithCause(e) : null;
                    Log.CircuitOpened(logger, breakerHost, (long)args.BreakDuration.TotalMilliseconds, breakReason ?? "unknown");
                    return ValueTask.CompletedTask;
                },
                OnClosed = _ =>
                {
                    Log.CircuitClosed(logger, breakerHost);
                    return ValueTask.CompletedTask;
                },
            });
        }

        pipeline = builder.AddTimeout(policy.AttemptTimeout).Build();
    }

    /// <summary>The failure that opened the circuit, for the message of every request it then refuses.</summary>
    public string? BreakReason => breakReason;

    /// <summary>Runs <paramref name="attempt"/> until it succeeds, fails for good, or attempts run out; throws the last failure.</summary>
    /// <param name="operation">What is being done ("download", "list", "upload"), for the retry log.</param>
    /// <param name="url">Where, already safe to log.</param>
    public async Task ExecuteAsync(string operation, string url, Func<CancellationToken, Task> attempt, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(OperationKey, operation);
        context.Properties.Set(UrlKey, url);
        try
        {
            await pipeline.ExecuteAsync(static async (ctx, work) => await work(ctx.CancellationToken), context, attempt);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private static bool AsksTooLong(Exception exception, DownloadPolicy policy) =>
        exception is DownloadFault { RetryAfter: { } after } && after > policy.MaxRetryAfter;
}
