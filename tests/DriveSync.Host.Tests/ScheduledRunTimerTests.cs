using System.Net.Http.Json;
using System.Text.Json;
using DriveSync.Host.Timer;
using DriveSync.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DriveSync.Host.Tests;

/// <summary>The timer with three <c>serve</c> hosts on one Azurite, each on the same fake clock; runs are real.</summary>
[Collection("Azurite")]
public sealed class ScheduledRunTimerTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 30, TimeSpan.Zero);

    private static readonly Dictionary<string, string?> TimerSettings = new()
    {
        ["DriveSync:Timer:Enabled"] = "true",
        ["DriveSync:Timer:Schedule"] = "0 */5 * * * *",
        ["DriveSync:Timer:PollInterval"] = "00:01:00",
    };

    [Fact]
    public async Task Timer_ThreeInstances_FiresEachScheduledTimeOnce()
    {
        using var cts = TestTimeout.Start(TimeSpan.FromSeconds(120));
        await using var harness = await ServeHarness.StartAsync(azurite, cts.Token);
        harness.AddTextFiles(3);
        var clock = new FakeTimeProvider(Start);
        var instances = await StartInstancesAsync(harness, clock, cts.Token);
        using var client = instances[0].Client();
        await TestWait.UntilAsync(async () => await ReadMarkerAsync(harness, cts.Token) is not null, TimeSpan.FromSeconds(20));
        Assert.Empty(await TimerRunsAsync(client, cts.Token));

        clock.Advance(TimeSpan.FromMinutes(5));
        await WaitRunsAsync(client, 1, cts.Token);
        await SettleAsync(instances, clock, cts.Token);
        var first = Assert.Single(await TimerRunsAsync(client, cts.Token));
        Assert.Equal(TimerPlan.OnTimeTrigger, first.Trigger);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 5, 0, TimeSpan.Zero), (await ReadMarkerAsync(harness, cts.Token))!.LastOccurrence);

        clock.Advance(TimeSpan.FromMinutes(4));
        await WaitRunsAsync(client, 2, cts.Token);
        await SettleAsync(instances, clock, cts.Token);
        Assert.Equal(2, (await TimerRunsAsync(client, cts.Token)).Count);
        Assert.Equal(2, instances.Sum(i => i.Logs.Entries.Count(e => e.EventId == 101 && e.Category == typeof(ScheduledRunTimer).FullName)));
    }

    [Fact]
    public async Task Timer_ScheduledTimesMissedWhileAllDown_OneCatchUpRun()
    {
        using var cts = TestTimeout.Start(TimeSpan.FromSeconds(120));
        await using var harness = await ServeHarness.StartAsync(azurite, cts.Token);
        harness.AddTextFiles(3);
        var store = Store(harness);
        await store.EnsureCreatedAsync(cts.Token);
        var downAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.True(await store.TryWriteMarkerAsync(new TimerMarker(downAt, "earlier-run", downAt), null, cts.Token));

        var clock = new FakeTimeProvider(downAt.AddMinutes(18));
        var instances = await StartInstancesAsync(harness, clock, cts.Token);
        using var client = instances[0].Client();
        await WaitRunsAsync(client, 1, cts.Token);
        await SettleAsync(instances, clock, cts.Token);

        var run = Assert.Single(await TimerRunsAsync(client, cts.Token));
        Assert.Equal(TimerPlan.CatchUpTrigger, run.Trigger);
        var marker = await ReadMarkerAsync(harness, cts.Token);
        Assert.Equal(downAt.AddMinutes(15), marker!.LastOccurrence);
        Assert.Equal(run.Id, marker.RunId);
    }

    private static async Task<List<ServeInstance>> StartInstancesAsync(ServeHarness harness, FakeTimeProvider clock, CancellationToken cancellationToken)
    {
        var instances = new List<ServeInstance>();
        for (var i = 0; i < 3; i++)
        {
            instances.Add(await harness.StartServeAsync(
                cancellationToken,
                services => services.AddKeyedSingleton<TimeProvider>(ScheduledRunTimer.ClockKey, clock),
                TimerSettings));
        }

        return instances;
    }

    /// <summary>Lets every instance wake once more (one poll later) so a late duplicate firing would show.</summary>
    private static async Task SettleAsync(List<ServeInstance> instances, FakeTimeProvider clock, CancellationToken cancellationToken)
    {
        var before = instances.Select(Evaluations).ToList();
        clock.Advance(TimeSpan.FromMinutes(1));
        await TestWait.UntilAsync(() => Task.FromResult(instances.Select((i, n) => Evaluations(i) > before[n]).All(x => x)), TimeSpan.FromSeconds(30));
        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>Evaluations an instance finished: fired (101), up to date (102) or lock held elsewhere (103).</summary>
    private static int Evaluations(ServeInstance instance) => instance.Logs.Count(101) + instance.Logs.Count(102) + instance.Logs.Count(103);

    private static async Task WaitRunsAsync(HttpClient client, int count, CancellationToken cancellationToken) =>
        await TestWait.UntilAsync(async () =>
        {
            var timerRuns = await TimerRunsAsync(client, cancellationToken);
            return timerRuns.Count >= count && timerRuns.All(r => r.Status is "Completed");
        }, TimeSpan.FromSeconds(60));

    private static async Task<List<(string Id, string Trigger, string Status)>> TimerRunsAsync(HttpClient client, CancellationToken cancellationToken)
    {
        var runs = await client.GetFromJsonAsync<JsonElement>("runtime/webhooks/durabletask/instances?top=50&showInput=true", cancellationToken);
        return runs.EnumerateArray()
            .Select(r => (r.GetProperty("instanceId").GetString()!, ServeInstance.Member(r.GetProperty("input"), "trigger").GetString()!, r.GetProperty("runtimeStatus").GetString()!))
            .Where(r => r.Item2.StartsWith("timer", StringComparison.Ordinal))
            .ToList();
    }

    private static TimerStateStore Store(ServeHarness harness) =>
        new(harness.Azurite.CreateClients().Blobs.GetBlobContainerClient(harness.StateContainer));

    private static async Task<TimerMarker?> ReadMarkerAsync(ServeHarness harness, CancellationToken cancellationToken) =>
        (await Store(harness).ReadMarkerAsync(cancellationToken)).Marker;
}
