namespace TigerImport.Import;

internal static class TaskSettling
{
    /// <summary>
    /// Completes when <paramref name="task"/> has, whatever its outcome: for work started alongside a step that failed,
    /// which must be over before the failure is handled, and whose own error is not the one to report.
    /// </summary>
    public static Task WhenSettled(this Task task) =>
        task.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
}
