using System.Text.Json;
using DriveSync.Functions.Hosting;
using DriveSync.Functions.Triggers;
using DriveSync.Pipeline.Orchestration;
using DriveSync.Pipeline.Ports;
using DriveSync.Pipeline.State;
using DriveSync.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DriveSync.Functions.Tests;

/// <summary>
/// The Functions app's services as <see cref="FunctionsHosting.AddDriveSyncFunctions"/> wires them, against Azurite, for
/// a folder and state container of the test's own; the Durable client is <see cref="FakeDurableTaskClient"/>.
/// </summary>
internal sealed class TriggerHarness : IAsyncDisposable
{
    private readonly ServiceProvider services;

    private TriggerHarness(AzuriteFixture azurite)
    {
        var unique = Guid.NewGuid().ToString("N")[..12];
        FolderId = "folder-" + unique;
        StateContainer = "state-" + unique;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DriveSync:Storage:ConnectionString"] = azurite.ConnectionString,
            ["DriveSync:Drive:FolderId"] = FolderId,
            ["DriveSync:Drive:BearerToken"] = "test-token",
            ["DriveSync:Pipeline:StateContainer"] = StateContainer,
            ["DriveSync:Pipeline:OutputContainer"] = "out-" + unique,
        }).Build();
        services = new ServiceCollection()
            .AddLogging(logging => logging.AddProvider(Logs))
            .AddDriveSyncFunctions(configuration)
            .BuildServiceProvider();
    }

    public string FolderId { get; }

    public string StateContainer { get; }

    public LogCapture Logs { get; } = new();

    public FakeDurableTaskClient Client { get; } = new();

    public static TriggerHarness Start(AzuriteFixture azurite) => new(azurite);

    public ScheduledRunFunction Timer() => new(services.GetRequiredService<SyncRunStarter>(), Logs.For<ScheduledRunFunction>());

    public StartRunFunction Start() => new(services.GetRequiredService<SyncRunStarter>());

    public RunProblemsFunction Problems() => new(services.GetRequiredService<RunProblemsReader>());

    /// <summary>The run the folder's claim (<c>sources/{folder}/active.json</c>) names, or null.</summary>
    public async Task<string?> ClaimedRunAsync(CancellationToken cancellationToken)
    {
        var blob = await services.GetRequiredService<IBlobStore>().ReadAsync(StateContainer, StatePaths.Active(FolderId), cancellationToken);
        return blob is null ? null : JsonDocument.Parse(blob.Content).RootElement.GetProperty("runId").GetString();
    }

    public ValueTask DisposeAsync() => services.DisposeAsync();
}
