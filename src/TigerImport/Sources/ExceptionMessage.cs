using Amazon.Runtime;

namespace TigerImport.Sources;

/// <summary>An exception's message for logs and errors, with the cause that the wrapper's own message hides.</summary>
internal static class ExceptionMessage
{
    /// <summary>
    /// HttpClient reports a cut connection as "An error occurred while sending the request"; only the inner exception
    /// says "The response ended prematurely". The AWS SDK wraps network errors the same way.
    /// </summary>
    public static string WithCause(Exception exception) =>
        exception is HttpRequestException or AmazonClientException && exception.InnerException is { } inner
            ? $"{exception.Message.TrimEnd('.')}: {WithCause(inner)}"
            : exception.Message;
}
