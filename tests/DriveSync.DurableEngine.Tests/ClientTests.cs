using DriveSync.DurableEngine.TestHost;
using DriveSync.Testing;
using DurableTask.Core.Exceptions;
using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace DriveSync.DurableEngine.Tests;

/// <summary>The client and worker on one shared task hub: start, status, query, terminate, purge, events.</summary>
[Collection("Azurite")]
public sealed class ClientTests(SharedEngine shared) : IClassFixture<SharedEngine>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    private DurableTaskClient Client => shared.Engine.Client;

    [Fact]
    public async Task ScheduleNew_ToyOrchestration_CompletesWithOutputAfterFanOutContinueAsNewTimerAndRetries()
    {
        using var cts = TestTimeout.Start(Deadline);
        var id = "toy-" + Guid.NewGuid().ToString("N");

        var started = await Client.ScheduleNewOrchestrationInstanceAsync(
            ToyTasks.Toy, new ToyInput("first", Items: 5, Rounds: 3), new StartOrchestrationOptions(id), cts.Token);
        var done = await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cts.Token);

        Assert.Equal(id, started);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(ToyTasks.Toy, done.Name);
        // 3 rounds of 1²+…+5² = 55; the flaky activity succeeds on its third attempt under the retry policy.
        Assert.Equal(new ToyOutput("first", 165, 3, 3), done.ReadOutputAs<ToyOutput>());
        Assert.Equal(new ToyProgress(3, 165), done.ReadCustomStatusAs<ToyProgress>());
        Assert.Equal(new ToyInput("first", 5, 3, Round: 3, Sum: 110), done.ReadInputAs<ToyInput>());
        Assert.Equal(15, shared.Engine.Ledger.Count(id));
    }

    [Fact]
    public async Task GetInstance_WithoutInputsAndOutputs_ReturnsStatusAndCustomStatusOnly()
    {
        using var cts = TestTimeout.Start(Deadline);
        var id = "plain-" + Guid.NewGuid().ToString("N");
        await Client.ScheduleNewOrchestrationInstanceAsync(ToyTasks.Approval, "input", new StartOrchestrationOptions(id), cts.Token);
        await TestWait.UntilAsync(async () => (await Client.GetInstanceAsync(id, cts.Token))?.SerializedCustomStatus is not null, Deadline);

        var current = await Client.GetInstanceAsync(id, getInputsAndOutputs: false, cts.Token);
        var missing = await Client.GetInstanceAsync("missing-" + Guid.NewGuid().ToString("N"), cts.Token);

        Assert.NotNull(current);
        Assert.Equal(OrchestrationRuntimeStatus.Running, current.RuntimeStatus);
        Assert.Equal("waiting", current.ReadCustomStatusAs<string>());
        Assert.Null(current.SerializedInput);
        Assert.Null(missing);
        await Client.TerminateInstanceAsync(id, cancellation: cts.Token);
    }

    [Fact]
    public async Task GetOrchestrationHistory_FinishedSteps_TypedEventsInOrderWithTheirIds()
    {
        using var cts = TestTimeout.Start(Deadline);
        var id = "history-" + Guid.NewGuid().ToString("N");
        await Client.ScheduleNewOrchestrationInstanceAsync(ToyTasks.Steps, new StepsInput(2, 0), new StartOrchestrationOptions(id), cts.Token);
        await Client.WaitForInstanceCompletionAsync(id, cancellation: cts.Token);

        var history = await Client.GetOrchestrationHistoryAsync(id, cts.Token);

        var meaningful = history.Where(e => e.EventType is not (EventType.OrchestratorStarted or EventType.OrchestratorCompleted)).ToList();
        Assert.Equal(
            [EventType.ExecutionStarted, EventType.TaskScheduled, EventType.TaskCompleted, EventType.TaskScheduled, EventType.TaskCompleted, EventType.ExecutionCompleted],
            meaningful.Select(e => e.EventType));
        Assert.IsType<ExecutionStartedEvent>(meaningful[0]);
        Assert.Equal([0, 1], meaningful.OfType<TaskScheduledEvent>().Select(e => e.EventId));
        Assert.Equal([0, 1], meaningful.OfType<TaskCompletedEvent>().Select(e => e.TaskScheduledId));
        Assert.All(history, e => Assert.InRange(e.Timestamp, DateTime.UtcNow.AddMinutes(-10), DateTime.UtcNow.AddMinutes(1)));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Client.GetOrchestrationHistoryAsync("missing-" + Guid.NewGuid().ToString("N"), cts.Token));
    }

    [Fact]
    public async Task RaiseEvent_WaitingOrchestration_CompletesWithThePayload()
    {
        using var cts = TestTimeout.Start(Deadline);
        var id = "event-" + Guid.NewGuid().ToString("N");
        await Client.ScheduleNewOrchestrationInstanceAsync(ToyTasks.Approval, "request", new StartOrchestrationOptions(id), cts.Token);
        await Client.WaitForInstanceStartAsync(id, cancellation: cts.Token);

        await Client.RaiseEventAsync(id, ToyTasks.ApproveEvent, "yes", cts.Token);
        var done = await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cts.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("request:yes", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task TerminateInstance_Running_EndsTerminatedWithTheOutputGiven()
    {
        using var cts = TestTimeout.Start(Deadline);
        var id = "term-" + Guid.NewGuid().ToString("N");
        await Client.ScheduleNewOrchestrationInstanceAsync(ToyTasks.Approval, "request", new StartOrchestrationOptions(id), cts.Token);
        await Client.WaitForInstanceStartAsync(id, cancellation: cts.Token);

        await Client.TerminateInstanceAsync(id, new TerminateInstanceOptions { Output = "operator stop" }, cts.Token);
        var done = await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cts.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, done.RuntimeStatus);
        Assert.Equal("operator stop", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task TerminateInstance_Finished_StaysCompletedWithItsOutput()
    {
        using var cts = TestTimeout.Start(Deadline);
        var id = "fin-" + Guid.NewGuid().ToString("N");
        await Client.ScheduleNewOrchestrationInstanceAsync(ToyTasks.Toy, new ToyInput("fin", 2, 1), new StartOrchestrationOptions(id), cts.Token);
        await Client.WaitForInstanceCompletionAsync(id, cancellation: cts.Token);

        await Client.TerminateInstanceAsync(id, cancellation: cts.Token);
        var after = await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cts.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, after.RuntimeStatus);
        Assert.Equal(new ToyOutput("fin", 5, 1, 3), after.ReadOutputAs<ToyOutput>());
    }

    [Fact]
    public async Task TerminateInstance_Unknown_ThrowsNamingTheInstance()
    {
        using var cts = TestTimeout.Start(Deadline);
        var id = "nobody-" + Guid.NewGuid().ToString("N");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Client.TerminateInstanceAsync(id, cancellation: cts.Token));

        Assert.Contains(id, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScheduleNew_UnregisteredOrchestrator_EndsFailedNamingTheMissingType()
    {
        using var cts = TestTimeout.Start(Deadline);
        var id = "unknown-" + Guid.NewGuid().ToString("N");

        await Client.ScheduleNewOrchestrationInstanceAsync("NoSuchOrchestrator", "x", new StartOrchestrationOptions(id), cts.Token);
        var done = await Client.WaitForInstanceCompletionAsync(id, cancellation: cts.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.NotNull(done.FailureDetails);
        Assert.Equal("No orchestrator named 'NoSuchOrchestrator' is registered.", done.FailureDetails.ErrorMessage);
        Assert.True(done.FailureDetails.IsCausedBy<TypeMissingException>());
    }

    [Fact]
    public async Task PurgeInstance_Finished_RemovesItAndRunningIsRefused()
    {
        using var cts = TestTimeout.Start(Deadline);
        var finished = "purge-" + Guid.NewGuid().ToString("N");
        var running = "live-" + Guid.NewGuid().ToString("N");
        await Client.ScheduleNewOrchestrationInstanceAsync(ToyTasks.Toy, new ToyInput("p", 1, 1), new StartOrchestrationOptions(finished), cts.Token);
        await Client.ScheduleNewOrchestrationInstanceAsync(ToyTasks.Approval, "r", new StartOrchestrationOptions(running), cts.Token);
        await Client.WaitForInstanceCompletionAsync(finished, cancellation: cts.Token);

        var purged = await Client.PurgeInstanceAsync(finished, cancellation: cts.Token);
        var again = await Client.PurgeInstanceAsync(finished, cancellation: cts.Token);
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => Client.PurgeInstanceAsync(running, cancellation: cts.Token));

        Assert.Equal(1, purged.PurgedInstanceCount);
        Assert.Equal(0, again.PurgedInstanceCount);
        Assert.Null(await Client.GetInstanceAsync(finished, cts.Token));
        Assert.Contains(running, refused.Message, StringComparison.Ordinal);
        Assert.NotNull(await Client.GetInstanceAsync(running, cts.Token));
        await Client.TerminateInstanceAsync(running, cancellation: cts.Token);
    }

    [Fact]
    public async Task ScheduleNew_IdThatIsRunning_ThrowsAlreadyExistsAndAFinishedIdStartsAgain()
    {
        using var cts = TestTimeout.Start(Deadline);
        var id = "single-" + Guid.NewGuid().ToString("N");
        await Client.ScheduleNewOrchestrationInstanceAsync(ToyTasks.Approval, "one", new StartOrchestrationOptions(id), cts.Token);

        await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(() =>
            Client.ScheduleNewOrchestrationInstanceAsync(ToyTasks.Approval, "two", new StartOrchestrationOptions(id), cts.Token));
        await Client.RaiseEventAsync(id, ToyTasks.ApproveEvent, "a", cts.Token);
        await Client.WaitForInstanceCompletionAsync(id, cancellation: cts.Token);
        await Client.ScheduleNewOrchestrationInstanceAsync(ToyTasks.Approval, "three", new StartOrchestrationOptions(id), cts.Token);
        await Client.RaiseEventAsync(id, ToyTasks.ApproveEvent, "b", cts.Token);
        var second = await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cts.Token);

        Assert.Equal("three:b", second.ReadOutputAs<string>());
    }

    [Fact]
    public async Task GetAllInstances_StatusesAndPrefix_PagesThroughWithContinuationTokens()
    {
        using var cts = TestTimeout.Start(Deadline);
        var prefix = "q" + Guid.NewGuid().ToString("N")[..8] + "-";
        var finished = Enumerable.Range(0, 5).Select(i => $"{prefix}done-{i}").ToList();
        var running = $"{prefix}wait";
        foreach (var id in finished)
        {
            await Client.ScheduleNewOrchestrationInstanceAsync(ToyTasks.Toy, new ToyInput(id, 1, 1), new StartOrchestrationOptions(id), cts.Token);
        }

        await Client.ScheduleNewOrchestrationInstanceAsync(ToyTasks.Approval, "q", new StartOrchestrationOptions(running), cts.Token);
        await Client.ScheduleNewOrchestrationInstanceAsync(ToyTasks.Toy, new ToyInput("other", 1, 1), new StartOrchestrationOptions("other-" + prefix), cts.Token);
        foreach (var id in finished)
        {
            await Client.WaitForInstanceCompletionAsync(id, cancellation: cts.Token);
        }

        await Client.WaitForInstanceStartAsync(running, cancellation: cts.Token);

        var query = new OrchestrationQuery { InstanceIdPrefix = prefix, Statuses = [OrchestrationRuntimeStatus.Completed], PageSize = 2 };
        var pages = new List<Page<OrchestrationMetadata>>();
        await foreach (var page in Client.GetAllInstancesAsync(query).AsPages().WithCancellation(cts.Token))
        {
            pages.Add(page);
        }

        var live = await Client.GetAllInstancesAsync(new OrchestrationQuery
        {
            InstanceIdPrefix = prefix,
            Statuses = [OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Pending],
        }).CollectAsync(cts.Token);
        var withInputs = await Client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = finished[0], FetchInputsAndOutputs = true })
            .CollectAsync(cts.Token);

        Assert.Equal(finished, pages.SelectMany(p => p.Values).Select(m => m.InstanceId).Order(StringComparer.Ordinal));
        Assert.All(pages.SkipLast(1), p => Assert.Equal(2, p.Values.Count));
        Assert.All(pages.SkipLast(1), p => Assert.False(string.IsNullOrEmpty(p.ContinuationToken)));
        Assert.Null(pages[^1].ContinuationToken);
        Assert.All(pages.SelectMany(p => p.Values), m => Assert.Null(m.SerializedOutput));
        Assert.Equal([running], live.Select(m => m.InstanceId));
        Assert.Equal(new ToyOutput(finished[0], 1, 1, 3), Assert.Single(withInputs).ReadOutputAs<ToyOutput>());
    }

    [Fact]
    public async Task GetAllInstances_CreatedWindow_ReturnsOnlyInstancesCreatedInIt()
    {
        using var cts = TestTimeout.Start(Deadline);
        var prefix = "w" + Guid.NewGuid().ToString("N")[..8] + "-";
        await Client.ScheduleNewOrchestrationInstanceAsync(ToyTasks.Toy, new ToyInput("a", 1, 1), new StartOrchestrationOptions(prefix + "early"), cts.Token);
        var early = await Client.WaitForInstanceCompletionAsync(prefix + "early", cancellation: cts.Token);
        await Client.ScheduleNewOrchestrationInstanceAsync(ToyTasks.Toy, new ToyInput("b", 1, 1), new StartOrchestrationOptions(prefix + "late"), cts.Token);
        await Client.WaitForInstanceCompletionAsync(prefix + "late", cancellation: cts.Token);

        var afterEarly = await Client.GetAllInstancesAsync(new OrchestrationQuery
        {
            InstanceIdPrefix = prefix,
            CreatedFrom = early.CreatedAt.AddMilliseconds(1),
        }).CollectAsync(cts.Token);
        var upToEarly = await Client.GetAllInstancesAsync(new OrchestrationQuery
        {
            InstanceIdPrefix = prefix,
            CreatedTo = early.CreatedAt.AddMilliseconds(1),
        }).CollectAsync(cts.Token);

        Assert.Equal([prefix + "late"], afterEarly.Select(m => m.InstanceId));
        Assert.Equal([prefix + "early"], upToEarly.Select(m => m.InstanceId));
    }
}
