namespace TigerImport;

/// <summary>A failure the importer recognised and explained; <see cref="Kind"/> says whose it is.</summary>
public class TigerImportException(FailureKind kind, string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    public FailureKind Kind { get; } = kind;
}
