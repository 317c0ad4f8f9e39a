namespace TigerImport.Tests.Support;

/// <summary>A fresh folder for one test's downloads, deleted afterwards; tests assert nothing is left in it after a failure.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("tigerimport-test-").FullName;

    /// <summary>Every file in the folder: partial downloads included.</summary>
    public IReadOnlyList<string> Files => Directory.GetFiles(Path).Select(System.IO.Path.GetFileName).OfType<string>().ToList();

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
