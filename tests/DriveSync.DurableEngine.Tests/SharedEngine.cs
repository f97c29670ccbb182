using DriveSync.Testing;

namespace DriveSync.DurableEngine.Tests;

/// <summary>One running engine on its own task hub, shared by the tests of a class (each test uses its own instance ids).</summary>
public sealed class SharedEngine(AzuriteFixture azurite) : IAsyncLifetime
{
    private EngineHost? _engine;

    internal EngineHost Engine => _engine ?? throw new InvalidOperationException("The engine has not started.");

    public string TaskHub { get; } = EngineHost.NewTaskHub();

    public async ValueTask InitializeAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        _engine = await EngineHost.StartAsync(azurite, TaskHub, cts.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (_engine is not null)
        {
            await _engine.DisposeAsync();
        }
    }
}
