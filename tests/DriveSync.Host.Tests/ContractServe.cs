using DriveSync.DurableEngine;
using DriveSync.Testing;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace DriveSync.Host.Tests;

/// <summary>
/// A <c>serve</c> over real sockets on one of the two engines the instance API contract runs on, with the contract's
/// <c>Contract</c> orchestration registered: the in-process Durable Task test host (serve answers through its client),
/// or serve's own embedded engine (DTFx over Azurite, <c>EmbeddedDurableTaskClient</c>) with the orchestration added to
/// the engine's worker by this test setup.
/// </summary>
public sealed class ContractServe : IAsyncDisposable
{
    /// <summary>The in-process Durable Task test host.</summary>
    public const string InProcess = "in-process";

    /// <summary>serve's embedded Durable Task engine on Azurite.</summary>
    public const string Embedded = "embedded";

    private readonly ServeHarness harness;
    private readonly TestEngine? testEngine;

    private ContractServe(ServeHarness harness, ServeInstance serve, DurableTaskClient client, TestEngine? testEngine)
    {
        this.harness = harness;
        this.testEngine = testEngine;
        Serve = serve;
        Client = client;
    }

    public ServeInstance Serve { get; }

    /// <summary>The engine's client, for the test's own starts and waits.</summary>
    public DurableTaskClient Client { get; }

    public static async Task<ContractServe> StartAsync(string engine, AzuriteFixture azurite, CancellationToken cancellationToken)
    {
        var harness = await ServeHarness.StartAsync(azurite, cancellationToken);
        try
        {
            if (engine == InProcess)
            {
                var testEngine = await TestEngine.StartAsync(cancellationToken);
                var overTestHost = await harness.StartServeAsync(cancellationToken, services => services.AddSingleton(testEngine.Client), ServeHarness.ApiOnly);
                return new ContractServe(harness, overTestHost, testEngine.Client, testEngine);
            }

            var serve = await harness.StartServeAsync(cancellationToken, services => services.AddDurableTaskWorker(
                DurableEngineServiceCollectionExtensions.EngineName, worker => worker.AddTasks(TestEngine.RegisterContract)));
            return new ContractServe(harness, serve, serve.App.Services.GetRequiredService<DurableTaskClient>(), null);
        }
        catch
        {
            await harness.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await harness.DisposeAsync();
        if (testEngine is not null)
        {
            await testEngine.DisposeAsync();
        }
    }
}
