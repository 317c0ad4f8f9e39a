namespace TigerImport.Cli;

/// <summary>The process exit codes, in one place (the README's table mirrors this).</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>An unexpected error: a bug; the log has the stack trace.</summary>
    public const int InternalError = 1;

    public const int Usage = 2;

    public const int Source = 3;

    public const int Data = 4;

    public const int Database = 5;

    /// <summary>Stopped by SIGTERM or Ctrl+C; published tables are as they were before the interrupted layer.</summary>
    public const int Cancelled = 130;

    public static int For(FailureKind kind) => kind switch
    {
        FailureKind.Usage => Usage,
        FailureKind.Source => Source,
        FailureKind.Data => Data,
        FailureKind.Database => Database,
        _ => InternalError,
    };
}
