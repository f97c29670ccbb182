using DriveSync.DurableEngine.TestHost;
using DriveSync.Testing;
using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace DriveSync.DurableEngine.Tests;

/// <summary>Tests that need a task hub of their own: concurrent starts, purge by filter, what the task hub stores.</summary>
[Collection("Azurite")]
public sealed class TaskHubTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task ScheduleNew_TwoConcurrentStartsOfOneIdFromTwoProcesses_CreatesOneInstance()
    {
        using var cts = TestTimeout.Start(Deadline);
        var hub = EngineHost.NewTaskHub();
        await using var worker = await EngineHost.StartAsync(azurite, hub, cts.Token);
        await using var other = await EngineHost.StartAsync(azurite, hub, cts.Token, worker: false);
        var ids = Enumerable.Range(0, 6).Select(i => $"race-{i}-{Guid.NewGuid():N}").ToList();

        var outcomes = new List<(string Id, bool CreatedByFirst, bool CreatedBySecond)>();
        foreach (var id in ids)
        {
            var input = new ToyInput(id, Items: 3, Rounds: 1);
            var first = StartAsync(worker.Client, id, input, cts.Token);
            var second = StartAsync(other.Client, id, input, cts.Token);
            var created = await Task.WhenAll(first, second);
            outcomes.Add((id, created[0], created[1]));
        }

        foreach (var id in ids)
        {
            await worker.Client.WaitForInstanceCompletionAsync(id, cancellation: cts.Token);
        }

        Assert.All(outcomes, o => Assert.True(o.CreatedByFirst ^ o.CreatedBySecond, $"{o.Id}: {o.CreatedByFirst}/{o.CreatedBySecond}"));
        // Exactly one execution ran per id: three squares, once each.
        Assert.All(ids, id => Assert.Equal(3, worker.Ledger.Count(id)));
    }

    /// <summary>Starts <paramref name="id"/>; true when this call created it, false when another start won.</summary>
    private static async Task<bool> StartAsync(DurableTaskClient client, string id, ToyInput input, CancellationToken ct)
    {
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(ToyTasks.Toy, input, new StartOrchestrationOptions(id), ct);
            return true;
        }
        catch (OrchestrationAlreadyExistsException)
        {
            return false;
        }
    }

    [Fact]
    public async Task PurgeAllInstances_StatusFilter_RemovesOnlyMatchingFinishedInstances()
    {
        using var cts = TestTimeout.Start(Deadline);
        await using var engine = await EngineHost.StartAsync(azurite, EngineHost.NewTaskHub(), cts.Token);
        var client = engine.Client;
        await client.ScheduleNewOrchestrationInstanceAsync(ToyTasks.Toy, new ToyInput("c", 1, 1), new StartOrchestrationOptions("completed-1"), cts.Token);
        await client.ScheduleNewOrchestrationInstanceAsync(ToyTasks.Toy, new ToyInput("c", 1, 1), new StartOrchestrationOptions("completed-2"), cts.Token);
        await client.ScheduleNewOrchestrationInstanceAsync(ToyTasks.Approval, "t", new StartOrchestrationOptions("terminated-1"), cts.Token);
        await client.ScheduleNewOrchestrationInstanceAsync(ToyTasks.Approval, "r", new StartOrchestrationOptions("running-1"), cts.Token);
        await client.WaitForInstanceStartAsync("terminated-1", cancellation: cts.Token);
        await client.TerminateInstanceAsync("terminated-1", cancellation: cts.Token);
        foreach (var id in new[] { "completed-1", "completed-2", "terminated-1" })
        {
            await client.WaitForInstanceCompletionAsync(id, cancellation: cts.Token);
        }

        await Assert.ThrowsAsync<ArgumentException>(() =>
            client.PurgeAllInstancesAsync(new PurgeInstancesFilter(Statuses: [OrchestrationRuntimeStatus.Running]), cts.Token));
        var completed = await client.PurgeAllInstancesAsync(new PurgeInstancesFilter(Statuses: [OrchestrationRuntimeStatus.Completed]), cts.Token);
        var remaining = await client.GetAllInstancesAsync().CollectAsync(cts.Token);
        var allFinished = await client.PurgeAllInstancesAsync(new PurgeInstancesFilter(), cts.Token);
        var last = await client.GetAllInstancesAsync().CollectAsync(cts.Token);

        Assert.Equal(2, completed.PurgedInstanceCount);
        Assert.Equal(["running-1", "terminated-1"], remaining.Select(m => m.InstanceId).Order(StringComparer.Ordinal));
        Assert.Equal(1, allFinished.PurgedInstanceCount);
        Assert.Equal(["running-1"], last.Select(m => m.InstanceId));
    }

    [Fact]
    public async Task TaskHub_AfterAToyRun_HoldsThePayloadOnlyAsTheJsonPassedAndLogsNone()
    {
        using var cts = TestTimeout.Start(Deadline);
        var hub = EngineHost.NewTaskHub();
        var logs = new LogCapture();
        const string Canary = "CANARY-5f0c-payload";
        await using (var engine = await EngineHost.StartAsync(azurite, hub, cts.Token, logs: logs))
        {
            await engine.Client.ScheduleNewOrchestrationInstanceAsync(
                ToyTasks.Toy, new ToyInput(Canary, Items: 2, Rounds: 2), new StartOrchestrationOptions("canary-run"), cts.Token);
            var done = await engine.Client.WaitForInstanceCompletionAsync("canary-run", cancellation: cts.Token);
            Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        }

        var passed = new[]
        {
            """{"Label":"CANARY-5f0c-payload","Items":2,"Rounds":2,"Round":1,"Sum":0}""",
            """{"Label":"CANARY-5f0c-payload","Items":2,"Rounds":2,"Round":2,"Sum":5}""",
            """{"Label":"CANARY-5f0c-payload","Sum":10,"Rounds":2,"FlakyAttempts":3}""",
        };
        var found = await TaskHubContents.ReadAsync(azurite, hub, cts.Token);

        var holding = found.Where(v => v.Value.Contains(Canary, StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(holding);
        Assert.All(holding, v => Assert.Contains(v.Value, passed));
        Assert.Contains(holding, v => v.Where.StartsWith("table " + hub + "Instances", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, line => line.Contains(Canary, StringComparison.Ordinal));
    }
}
