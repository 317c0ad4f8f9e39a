using Npgsql;

namespace TigerImport.Pipeline;

/// <summary>The one place that decides whose failure an exception is; null means a bug, which is not caught.</summary>
public static class Failures
{
    public static FailureKind? Classify(Exception exception) => exception switch
    {
        TigerImportException known => known.Kind,
        NpgsqlException => FailureKind.Database,
        _ => null,
    };
}
