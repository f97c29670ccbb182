using DriveSync.DriveEmulator;
using DriveSync.Pipeline.Orchestration;
using DriveSync.Pipeline.Runs;
using DriveSync.Pipeline.State;
using DriveSync.Testing;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace DriveSync.Pipeline.Tests;

[Collection("Azurite")]
public sealed class RunFailureTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task RunAsync_StorageGoneForGood_ActivitiesRetriedThenRunEndsFailedWithAStorageReason()
    {
        await using var persisted = await AzuriteFixture.StartAsync(persistToDisk: true);
        await using var harness = await PipelineHarness.StartAsync(persisted, CancellationToken.None);
        harness.Settings["DriveSync:Pipeline:MaxAttempts"] = "2";
        harness.Settings["DriveSync:Pipeline:BatchSize"] = "5";
        harness.Settings["DriveSync:Pipeline:MaxBatchesInFlight"] = "2";
        harness.AddTextFiles(200, folders: 0);
        harness.Drive.Faults.Kinds = [EmulatorFaultKind.SlowResponse];
        harness.Drive.Faults.SlowResponseDelay = TimeSpan.FromMilliseconds(20);
        harness.Drive.Faults.Scope = EmulatorFaultScope.MediaOnly;
        harness.Drive.Faults.FaultRate = 1.0;
        var engine = await harness.EngineAsync();
        var start = await harness.StartAsync();
        await TestWait.UntilAsync(async () => (await engine.Client.GetInstanceAsync(start.InstanceId, true, CancellationToken.None))?.ReadCustomStatusAs<RunProgress>() is { Uploaded: >= 20 }, Timeout);

        await persisted.StopAsync();
        var instance = await harness.WaitAsync(start.InstanceId, Timeout);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, instance.RuntimeStatus);
        var progress = instance.ReadCustomStatusAs<RunProgress>()!;
        Assert.Equal(RunPhase.Failed, progress.Phase);
        Assert.StartsWith("Finalizing the run failed: ", progress.FailureReason, StringComparison.Ordinal);
        Assert.Contains("DriveSync:Storage:ConnectionString", progress.FailureHint, StringComparison.Ordinal);
        Assert.Equal(progress.FailureReason, instance.FailureDetails!.ErrorMessage);
        Assert.InRange(progress.Uploaded, 20, 199);
    }

    [Fact]
    public async Task RunAsync_FileDeletedAfterListingAndAnUnsupportedFile_FinalizesWithOneFailedOneQuarantinedWithReasons()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, CancellationToken.None);
        var ids = harness.AddTextFiles(20, folders: 0);
        var zip = harness.Drive.Store.AddFile(harness.Drive.Store.RootFolderId, "photos.zip", [0x50, 0x4b, 3, 4, 0, 0], "application/zip");
        harness.Settings["DriveSync:Pipeline:BatchSize"] = "5";
        harness.Settings["DriveSync:Pipeline:MaxBatchesInFlight"] = "1";
        harness.Drive.Faults.Kinds = [EmulatorFaultKind.SlowResponse];
        harness.Drive.Faults.SlowResponseDelay = TimeSpan.FromMilliseconds(300);
        harness.Drive.Faults.Scope = EmulatorFaultScope.MediaOnly;
        harness.Drive.Faults.FaultRate = 1.0;
        var engine = await harness.EngineAsync();
        var start = await harness.StartAsync();
        await TestWait.UntilAsync(async () => (await engine.Client.GetInstanceAsync(start.InstanceId, true, CancellationToken.None))?.ReadCustomStatusAs<RunProgress>() is { ListingComplete: true }, Timeout, TimeSpan.FromMilliseconds(20));
        var state = await harness.ReadContainerAsync(harness.StateContainer);
        var listed = Enumerable.Range(0, 5).SelectMany(n => StateJson.Deserialize<BatchManifest>(BinaryData.FromBytes(state[StatePaths.Batch(start.InstanceId, n)].Content)).Files);
        var deleted = listed.Last(f => f.Id != zip).Id;
        harness.Drive.Store.Delete(deleted);

        var final = PipelineHarness.ToStatus(await harness.WaitAsync(start.InstanceId, Timeout));

        Assert.Equal(RuntimeStatus.Completed, final.RuntimeStatus);
        Assert.Equal(21, final.Counters.Listed);
        Assert.Equal(19, final.Counters.Uploaded);
        Assert.Equal(1, final.Counters.Failed);
        Assert.Equal(1, final.Counters.Quarantined);
        var manifest = await harness.ReadManifestAsync(final.Id);
        var failed = Assert.Single(manifest, m => m.Outcome == FileOutcome.Failed);
        Assert.Equal(deleted, failed.Id);
        Assert.StartsWith("The download failed", failed.Reason, StringComparison.Ordinal);
        var quarantined = Assert.Single(manifest, m => m.Outcome == FileOutcome.Quarantined);
        Assert.Equal(zip, quarantined.Id);
        Assert.Contains("unsupported format", quarantined.Reason, StringComparison.OrdinalIgnoreCase);
        var problems = await harness.NewProcess().GetRequiredService<RunProblemsReader>().ReadAsync(final.Id, 0, 10, TestContext.Current.CancellationToken);
        Assert.Equal(2, problems.Total);
        Assert.Equal(["Failed", "Quarantined"], problems.Items.Select(p => p.Outcome).Order(StringComparer.Ordinal));
        var ledger = await harness.NewProcess().GetRequiredService<Ledger.LedgerStore>().LoadCurrentAsync(harness.Drive.Store.RootFolderId, TestContext.Current.CancellationToken);
        Assert.Equal(20, ledger.Count);
        Assert.Contains(ids, id => id == deleted);
    }

    [Fact]
    public async Task RunAsync_DriveRejectsCredentials_RunFailsWithReasonAndHint()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, CancellationToken.None);
        harness.AddTextFiles(5);
        harness.Settings["DriveSync:Drive:BearerToken"] = "wrong-token";

        var start = await harness.StartAsync();
        var instance = await harness.WaitAsync(start.InstanceId, Timeout);
        var final = PipelineHarness.ToStatus(instance);

        Assert.Equal(RuntimeStatus.Failed, final.RuntimeStatus);
        Assert.StartsWith("Listing the folder failed: Drive: the", final.FailureReason, StringComparison.Ordinal);
        Assert.Equal(0, final.Counters.Listed);
        var progress = instance.ReadCustomStatusAs<RunProgress>()!;
        Assert.Equal(RunPhase.Failed, progress.Phase);
        Assert.Equal(FailureHints.Drive, progress.FailureHint);
        Assert.Equal(final.FailureReason, progress.FailureReason);
    }

    [Fact]
    public async Task RunAsync_PostActionFolderSet_MovesUploadedFilesThereAfterTheRun()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, CancellationToken.None);
        var processed = harness.Drive.Store.AddFolder("root", "processed");
        var source = harness.Drive.Store.AddFolder("root", "inbox");
        var ids = Enumerable.Range(0, 12).Select(i => harness.Drive.Store.AddFile(source, $"n{i}.txt", Canary.TextDocument(i), "text/plain")).ToList();
        harness.Settings["DriveSync:Drive:FolderId"] = source;
        harness.Settings["DriveSync:Pipeline:PostActionFolderId"] = processed;

        var final = await harness.RunAsync(timeout: Timeout);

        Assert.Equal(RuntimeStatus.Completed, final.RuntimeStatus);
        Assert.Equal(12, final.Counters.Uploaded);
        Assert.All(ids, id => Assert.Equal([processed], harness.Drive.Store.Find(id)!.Parents));
    }
}
