using System.Diagnostics;
using DriveSync.DurableEngine.TestHost;
using DriveSync.Testing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace DriveSync.DurableEngine.Tests;

/// <summary>Scale-out and failover across processes sharing one task hub, with the engine's default settings.</summary>
[Collection("Azurite")]
public sealed class FailoverTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan ResumeWithin = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task KilledWorkerProcess_ItsOrchestrationResumesOnAnotherProcessWithin60Seconds()
    {
        using var cts = TestTimeout.Start(TimeSpan.FromSeconds(240));
        var hub = EngineHost.NewTaskHub();
        await using var client = await EngineHost.StartAsync(
            new Dictionary<string, string?>
            {
                ["DriveSync:Storage:ConnectionString"] = azurite.ConnectionString,
                ["DriveSync:Durable:TaskHubName"] = hub,
            },
            cts.Token,
            worker: false);
        using var first = EngineProcess.Start(azurite, hub);
        await first.ReadyAsync(TimeSpan.FromSeconds(60));
        const string Id = "failover";
        await client.Client.ScheduleNewOrchestrationInstanceAsync(
            ToyTasks.Steps, new StepsInput(Steps: 8, StepMilliseconds: 1500), new StartOrchestrationOptions(Id), cts.Token);
        await TestWait.UntilAsync(async () => await StepsDoneAsync(client.Client, Id, cts.Token) >= 2, TimeSpan.FromSeconds(90));

        await first.KillAsync();
        var stepsAtKill = await StepsDoneAsync(client.Client, Id, cts.Token);
        var sinceKill = Stopwatch.StartNew();
        using var second = EngineProcess.Start(azurite, hub);
        await TestWait.UntilAsync(async () => await StepsDoneAsync(client.Client, Id, cts.Token) > stepsAtKill, ResumeWithin);
        var resumedAfter = sinceKill.Elapsed;
        var done = await client.Client.WaitForInstanceCompletionAsync(Id, getInputsAndOutputs: true, cts.Token);

        Assert.True(resumedAfter < ResumeWithin, $"Resumed after {resumedAfter}.");
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(36, done.ReadOutputAs<int>());
        TestContext.Current.TestOutputHelper?.WriteLine($"Resumed on the second process {resumedAfter.TotalSeconds:F1} s after the kill.");
    }

    [Fact]
    public async Task StorageOutageOf15Seconds_MidRun_IsRiddenOutAndTheOrchestrationCompletes()
    {
        using var cts = TestTimeout.Start(TimeSpan.FromSeconds(240));
        await using var storage = await AzuriteFixture.StartAsync(persistToDisk: true);
        await using var engine = await EngineHost.StartAsync(storage, EngineHost.NewTaskHub(), cts.Token);
        const string Id = "outage";
        await engine.Client.ScheduleNewOrchestrationInstanceAsync(
            ToyTasks.Steps, new StepsInput(Steps: 6, StepMilliseconds: 1000), new StartOrchestrationOptions(Id), cts.Token);
        await TestWait.UntilAsync(async () => await StepsDoneAsync(engine.Client, Id, cts.Token) >= 2, TimeSpan.FromSeconds(90));

        await storage.StopAsync();
        await Task.Delay(TimeSpan.FromSeconds(15), cts.Token);
        await storage.RestartAsync();
        var done = await engine.Client.WaitForInstanceCompletionAsync(Id, getInputsAndOutputs: true, cts.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(21, done.ReadOutputAs<int>());
    }

    private static async Task<int> StepsDoneAsync(DurableTaskClient client, string id, CancellationToken ct)
    {
        var current = await client.GetInstanceAsync(id, ct);
        return current?.SerializedCustomStatus is null ? 0 : current.ReadCustomStatusAs<int>();
    }
}
