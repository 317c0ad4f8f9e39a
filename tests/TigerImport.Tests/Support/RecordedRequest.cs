namespace TigerImport.Tests.Support;

/// <summary>One request the fault server saw, with the headers the download tests assert on.</summary>
internal sealed record RecordedRequest(string Path, string Range, string IfRange, string UserAgent, DateTimeOffset At, string Method = "GET");
