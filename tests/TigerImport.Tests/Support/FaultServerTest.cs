namespace TigerImport.Tests.Support;

/// <summary>A test class with its own fault-injecting HTTP Server and download folder, both gone after each test.</summary>
public abstract class FaultServerTest : IAsyncLifetime
{
    private protected TempFolder Temp { get; } = new();

    private protected FaultServer Server { get; private set; } = null!;

    protected static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => Server = await FaultServer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Temp.Dispose();
        GC.SuppressFinalize(this);
    }
}
