using Npgsql;

namespace TigerImport;

/// <summary>The one place that decides whose failure an exception is; null means a bug, which is not caught.</summary>
public static class FailureClassifier
{
    public static FailureKind? Classify(Exception exception) => exception switch
    {
        TigerImportException known => known.Kind,
        NpgsqlException => FailureKind.Database,
        _ => null,
    };
}
