using DriveSync.Functions.Triggers;
using DriveSync.Pipeline.Orchestration;
using DriveSync.Testing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace DriveSync.Functions.Tests;

[Collection("Azurite")]
public sealed class ScheduledRunFunctionTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task RunAsync_NoRunInProgress_StartsTheFolderSingletonWithTimerInput()
    {
        using var cts = TestTimeout.Start();
        await using var harness = TriggerHarness.Start(azurite);

        await harness.Timer().RunAsync(new TimerInfo { IsPastDue = false }, harness.Client, cts.Token);

        var (name, instanceId, input) = Assert.Single(harness.Client.Scheduled);
        Assert.Equal(PipelineTasks.SyncFolder, name.Name);
        Assert.Equal(instanceId, await harness.ClaimedRunAsync(cts.Token));
        var folderInput = Assert.IsType<SyncFolderInput>(input);
        Assert.Equal(harness.FolderId, folderInput.SourceId);
        Assert.Equal(ScheduledRunFunction.OnTimeTrigger, folderInput.Trigger);
        Assert.Null(folderInput.Limit);
        Assert.False(folderInput.DryRun);
        Assert.Contains(harness.Logs.Lines, line => line.Contains($"Scheduled run {instanceId} started", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_PastDue_StartsWithCatchUpTrigger()
    {
        using var cts = TestTimeout.Start();
        await using var harness = TriggerHarness.Start(azurite);

        await harness.Timer().RunAsync(new TimerInfo { IsPastDue = true }, harness.Client, cts.Token);

        var scheduled = Assert.Single(harness.Client.Scheduled);
        Assert.Equal(ScheduledRunFunction.CatchUpTrigger, Assert.IsType<SyncFolderInput>(scheduled.Input).Trigger);
    }

    [Theory]
    [InlineData(OrchestrationRuntimeStatus.Pending)]
    [InlineData(OrchestrationRuntimeStatus.Running)]
    public async Task RunAsync_FolderRunInProgress_SchedulesNothingAndSaysSo(OrchestrationRuntimeStatus status)
    {
        using var cts = TestTimeout.Start();
        await using var harness = TriggerHarness.Start(azurite);
        await harness.Timer().RunAsync(new TimerInfo(), harness.Client, cts.Token);
        var first = Assert.Single(harness.Client.Scheduled).InstanceId;
        harness.Client.SetStatus(first, status);

        await harness.Timer().RunAsync(new TimerInfo(), harness.Client, cts.Token);

        Assert.Single(harness.Client.Scheduled);
        Assert.Equal(first, await harness.ClaimedRunAsync(cts.Token));
        Assert.Contains(harness.Logs.Lines, line => line.Contains($"run {first} of the folder is still in progress", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_PreviousRunCompleted_StartsANewRun()
    {
        using var cts = TestTimeout.Start();
        await using var harness = TriggerHarness.Start(azurite);
        await harness.Timer().RunAsync(new TimerInfo(), harness.Client, cts.Token);
        var first = Assert.Single(harness.Client.Scheduled).InstanceId;
        harness.Client.SetStatus(first, OrchestrationRuntimeStatus.Completed);

        await harness.Timer().RunAsync(new TimerInfo(), harness.Client, cts.Token);

        Assert.Equal(2, harness.Client.Scheduled.Count);
        var second = harness.Client.Scheduled[1].InstanceId;
        Assert.NotEqual(first, second);
        Assert.Equal(second, await harness.ClaimedRunAsync(cts.Token));
    }
}
