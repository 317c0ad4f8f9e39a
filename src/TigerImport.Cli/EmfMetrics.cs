using TigerImport.Import;

namespace TigerImport.Cli;

/// <summary>
/// CloudWatch Embedded Metric Format: one JSON log event at the end of each layer and of the run whose <c>_aws</c>
/// member tells CloudWatch Logs to turn its top-level numbers into metrics (namespace <see cref="Namespace"/>), so
/// the worker publishes metrics with no API call and no IAM permission. Only in JSON mode (the events are CLEF lines).
/// Every metric also has the dimension <c>Environment</c> (<see cref="EnvironmentVariable"/>): the environments share
/// one account and namespace, and an environment's alarms and dashboard read only its own metrics.
/// </summary>
internal sealed class EmfMetrics(Serilog.ILogger logger, string environment) : IImportObserver
{
    public const string Namespace = "TigerImport";

    /// <summary>Names the environment (dev, staging, production; Terraform sets it); unset, metrics say <see cref="LocalEnvironment"/>.</summary>
    public const string EnvironmentVariable = "TIGER_ENVIRONMENT";

    public const string LocalEnvironment = "local";

    public static EmfMetrics FromEnvironment(Serilog.ILogger logger) =>
        new(logger, Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } name ? name : LocalEnvironment);

    public void LayerFinished(LayerResult result, long bytesDownloaded) =>
        Metrics("Layer", new Dictionary<string, long>
        {
            ["RowsLoaded"] = result.Loaded,
            ["Rejected"] = result.Rejected,
            ["Repaired"] = result.Repaired,
            ["BytesDownloaded"] = bytesDownloaded,
            ["DurationMs"] = result.ElapsedMs,
            ["Failed"] = result.Failure is null ? 0 : 1,
        })
        .Information("Metrics {Layer} {Year}: {Outcome}", result.Layer, result.Year, result.Outcome);

    public void RunFinished(ImportSummary summary, string status) =>
        Metrics("Command", new Dictionary<string, long>
        {
            ["RowsLoaded"] = summary.Layers.Sum(l => l.Loaded),
            ["Rejected"] = summary.Layers.Sum(l => l.Rejected),
            ["Repaired"] = summary.Layers.Sum(l => l.Repaired),
            ["BytesDownloaded"] = summary.Source?.BytesDownloaded ?? 0,
            ["DurationMs"] = summary.ElapsedMs,
            ["Failed"] = status == "succeeded" ? 0 : 1,
            ["LayersFailed"] = summary.Layers.Count(l => l.Failure is not null),
        })
        .Information("Metrics {Command} run: {Status}", "import", status);

    /// <summary>
    /// A logger whose events carry the metric values and the <c>_aws</c> directive naming them. The dimension's value
    /// (Layer, Command) is a property of the message itself, and Environment one of the logger's, so both are at the
    /// top level as strings, as EMF requires.
    /// </summary>
    private Serilog.ILogger Metrics(string dimension, IReadOnlyDictionary<string, long> values)
    {
        var directive = new Dictionary<string, object>
        {
            ["Timestamp"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
            ["CloudWatchMetrics"] = new[]
            {
                new Dictionary<string, object>
                {
                    ["Namespace"] = Namespace,
                    ["Dimensions"] = new[] { new[] { dimension, "Environment" } },
                    ["Metrics"] = values.Keys.Select(name => new Dictionary<string, string> { ["Name"] = name, ["Unit"] = Unit(name) }).ToArray(),
                },
            },
        };
        var enriched = logger.ForContext("_aws", directive, destructureObjects: true).ForContext("Environment", environment);
        return values.Aggregate(enriched, (l, metric) => l.ForContext(metric.Key, metric.Value));
    }

    private static string Unit(string metric) => metric switch
    {
        "BytesDownloaded" => "Bytes",
        "DurationMs" => "Milliseconds",
        _ => "Count",
    };
}
