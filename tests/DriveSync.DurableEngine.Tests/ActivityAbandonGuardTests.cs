using System.Reflection;
using DurableTask.Core;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace DriveSync.DurableEngine.Tests;

public sealed class ActivityAbandonGuardTests
{
    [Fact]
    public async Task AbandonTaskActivityWorkItemAsync_BackendFailsTwice_RetriesWithGrowingDelaysUntilItSucceeds()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var clock = new FakeTimeProvider();
        var backend = Backend.Failing(times: 2);
        using var guard = new ActivityAbandonGuard(backend, clock, NullLogger<ActivityAbandonGuard>.Instance);
        var item = new TaskActivityWorkItem { Id = "m1" };

        var abandon = guard.AbandonTaskActivityWorkItemAsync(item);
        await WaitForCallsAsync(backend, 1, cts.Token);
        clock.Advance(ActivityAbandonGuard.FirstDelay - TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, Calls(backend));
        clock.Advance(TimeSpan.FromMilliseconds(1));
        await WaitForCallsAsync(backend, 2, cts.Token);
        clock.Advance(ActivityAbandonGuard.FirstDelay * 2);
        await abandon.WaitAsync(cts.Token);

        Assert.Equal(3, Calls(backend));
        Assert.Equal(["m1", "m1", "m1"], ((Backend)(object)backend).AbandonedIds);
    }

    [Fact]
    public async Task AbandonTaskActivityWorkItemAsync_StoppedWhileBackendFails_ReturnsWithoutFurtherAttempts()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var clock = new FakeTimeProvider();
        var backend = Backend.Failing(times: int.MaxValue);
        using var guard = new ActivityAbandonGuard(backend, clock, NullLogger<ActivityAbandonGuard>.Instance);

        var abandon = guard.AbandonTaskActivityWorkItemAsync(new TaskActivityWorkItem { Id = "m2" });
        await WaitForCallsAsync(backend, 1, cts.Token);
        guard.Stop();
        await abandon.WaitAsync(cts.Token);
        clock.Advance(ActivityAbandonGuard.MaxDelay * 4);

        Assert.Equal(1, Calls(backend));
    }

    [Fact]
    public async Task AbandonTaskActivityWorkItemAsync_ManyFailures_WaitsNoLongerThanTheMaximumDelay()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var clock = new FakeTimeProvider();
        var backend = Backend.Failing(times: 8);
        using var guard = new ActivityAbandonGuard(backend, clock, NullLogger<ActivityAbandonGuard>.Instance);

        var abandon = guard.AbandonTaskActivityWorkItemAsync(new TaskActivityWorkItem { Id = "m3" });
        for (var call = 1; call <= 8; call++)
        {
            await WaitForCallsAsync(backend, call, cts.Token);
            clock.Advance(ActivityAbandonGuard.MaxDelay);
        }

        await abandon.WaitAsync(cts.Token);
        Assert.Equal(9, Calls(backend));
    }

    private static int Calls(IOrchestrationService backend) => ((Backend)(object)backend).AbandonedIds.Count;

    private static async Task WaitForCallsAsync(IOrchestrationService backend, int calls, CancellationToken ct)
    {
        while (Calls(backend) < calls)
        {
            await Task.Delay(5, ct);
        }
    }

    /// <summary>The backend at its interface: abandoning fails a given number of times, then succeeds.</summary>
    public class Backend : DispatchProxy
    {
        private int _failuresLeft;

        public List<string> AbandonedIds { get; } = [];

        public static IOrchestrationService Failing(int times)
        {
            var backend = Create<IOrchestrationService, Backend>();
            ((Backend)(object)backend)._failuresLeft = times;
            return backend;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            if (targetMethod?.Name != nameof(IOrchestrationService.AbandonTaskActivityWorkItemAsync))
            {
                throw new NotSupportedException(targetMethod?.Name);
            }

            lock (AbandonedIds)
            {
                AbandonedIds.Add(((TaskActivityWorkItem)args![0]!).Id);
            }

            return Interlocked.Decrement(ref _failuresLeft) >= 0
                ? Task.FromException(new InvalidOperationException("storage unreachable"))
                : Task.CompletedTask;
        }
    }
}
