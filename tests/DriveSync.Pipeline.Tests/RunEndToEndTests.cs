using System.Text;
using DriveSync.DriveEmulator;
using DriveSync.Pipeline.Orchestration;
using DriveSync.Pipeline.Runs;
using DriveSync.Pipeline.State;
using DriveSync.Pipeline.Work;
using DriveSync.Testing;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace DriveSync.Pipeline.Tests;

[Collection("Azurite")]
public sealed class RunEndToEndTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(180);

    [Fact]
    public async Task RunAsync_ManyFilesInFolders_OutputsEqualLocallySanitizedBytesAndManifestListsEachFileOnce()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, CancellationToken.None);
        var ids = harness.AddTextFiles(3000);

        var status = await harness.RunAsync(timeout: Timeout);

        Assert.Equal(RuntimeStatus.Completed, status.RuntimeStatus);
        Assert.Equal(ids.Count, status.Counters.Listed);
        Assert.Equal(ids.Count, status.Counters.Done);
        Assert.Equal(ids.Count, status.Counters.Uploaded);
        var expected = await harness.ExpectedOutputsAsync();
        var outputs = await harness.ReadContainerAsync(harness.OutputContainer);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), outputs.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, bytes) in expected)
            Assert.True(bytes.AsSpan().SequenceEqual(outputs[name].Content), $"Output {name} differs from the locally sanitized bytes.");
        Assert.Equal(status.Counters.BytesWritten, outputs.Values.Sum(o => (long)o.Content.Length));
        Assert.True(status.Counters.PiiFound.GetValueOrDefault("SSN") >= ids.Count);

        var manifest = await harness.ReadManifestAsync(status.Id);
        Assert.Equal(ids.Order(StringComparer.Ordinal), manifest.Select(m => m.Id).Order(StringComparer.Ordinal));
        Assert.All(manifest, m => Assert.Equal(FileOutcome.Uploaded, m.Outcome));
        Assert.All(manifest, m => Assert.True(outputs.ContainsKey(m.Output!)));
        var state = await harness.ReadContainerAsync(harness.StateContainer);
        var saved = StateJson.Deserialize<RunStatus>(BinaryData.FromBytes(state[StatePaths.Summary(status.Id)].Content));
        Assert.Equal(RuntimeStatus.Completed, saved.RuntimeStatus);
        Assert.Equal((status.Counters.Listed, status.Counters.Uploaded, status.Counters.BytesWritten), (saved.Counters.Listed, saved.Counters.Uploaded, saved.Counters.BytesWritten));
    }

    [Fact]
    public async Task RunAsync_PagesBeyondOneGeneration_ContinuesAsNewAndCountsEveryPageOnce()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, CancellationToken.None);
        harness.Settings["DriveSync:Drive:PageSize"] = "100";
        harness.Settings["DriveSync:Pipeline:PagesPerGeneration"] = "1";
        var ids = harness.AddTextFiles(450, folders: 0);

        var start = await harness.StartAsync();
        var instance = await harness.WaitAsync(start.InstanceId, Timeout);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
        var input = instance.ReadInputAs<SyncFolderInput>()!;
        Assert.True(input.Carry!.Generation >= 4, $"Only {input.Carry.Generation} generations for 5 pages.");
        Assert.Equal(4, input.Carry.PagesListed);
        var summary = instance.ReadOutputAs<RunSummary>()!;
        Assert.Equal(ids.Count, summary.Listed);
        Assert.Equal(ids.Count, summary.Uploaded);
        var progress = instance.ReadCustomStatusAs<RunProgress>()!;
        Assert.Equal(RunPhase.Completed, progress.Phase);
        Assert.Equal(ids.Count, progress.Done);
        Assert.True(progress.FilesPerSecond > 0);
        var manifest = await harness.ReadManifestAsync(start.InstanceId);
        Assert.Equal(ids.Order(StringComparer.Ordinal), manifest.Select(m => m.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task RunAsync_MaxBatchesInFlightTwo_NeverMoreThanTwoBatchesDownloadAtOnce()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, CancellationToken.None);
        var probe = new ConcurrencyProbe();
        harness.ExtraServices.Add(probe.Register);
        harness.Settings["DriveSync:Pipeline:MaxBatchesInFlight"] = "2";
        harness.Settings["DriveSync:Pipeline:FileConcurrency"] = "1";
        harness.Settings["DriveSync:Pipeline:BatchSize"] = "5";
        harness.AddTextFiles(60, folders: 0);
        harness.Drive.Faults.Kinds = [EmulatorFaultKind.SlowResponse];
        harness.Drive.Faults.SlowResponseDelay = TimeSpan.FromMilliseconds(40);
        harness.Drive.Faults.Scope = EmulatorFaultScope.MediaOnly;
        harness.Drive.Faults.FaultRate = 1.0;

        var status = await harness.RunAsync(timeout: Timeout);

        Assert.Equal(RuntimeStatus.Completed, status.RuntimeStatus);
        Assert.Equal(60, status.Counters.Uploaded);
        Assert.Equal(2, probe.MaxConcurrentDownloads);
        Assert.Equal(60, harness.Drive.Counters.MediaRequests);
    }

    [Fact]
    public async Task RunAsync_SecondRunWithoutChangeList_ListsEverythingAndProcessesOnlyChangedAndNewFiles()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, CancellationToken.None);
        harness.Settings["DriveSync:Pipeline:UseChanges"] = "false";
        var ids = harness.AddTextFiles(300);
        var first = await harness.RunAsync(timeout: Timeout);
        Assert.Equal(300, first.Counters.Uploaded);

        var changed = ids.Where((_, i) => i % 6 == 0).ToList();
        foreach (var id in changed)
            harness.Drive.Store.UpdateContent(id, Canary.TextDocument(100_000));
        var added = harness.Drive.Store.AddFile(harness.Drive.Store.RootFolderId, "new notice.txt", Canary.TextDocument(7), "text/plain");
        var second = await harness.RunAsync(timeout: Timeout);

        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal(RuntimeStatus.Completed, second.RuntimeStatus);
        Assert.Equal(301, second.Counters.Listed);
        Assert.Equal(changed.Count + 1, second.Counters.Uploaded);
        Assert.Equal(300 - changed.Count, second.Counters.Skipped);
        var manifest = await harness.ReadManifestAsync(second.Id);
        Assert.Equal(changed.Append(added).Order(StringComparer.Ordinal),
            manifest.Where(m => m.Outcome == FileOutcome.Uploaded).Select(m => m.Id).Order(StringComparer.Ordinal));
        var expected = await harness.ExpectedOutputsAsync();
        var outputs = await harness.ReadContainerAsync(harness.OutputContainer);
        Assert.All(expected, e => Assert.Equal(e.Value, outputs[e.Key].Content));
        var client = (await harness.EngineAsync()).Client;
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await client.GetInstanceAsync(first.Id, TestContext.Current.CancellationToken))!.RuntimeStatus);
    }

    [Fact]
    public async Task RunAsync_TenPercentDriveFaults_FinishesWithEveryFileUploaded()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, CancellationToken.None);
        var ids = harness.AddTextFiles(400);
        harness.Drive.Faults.FaultRate = 0.10;
        harness.Drive.Faults.Kinds = [EmulatorFaultKind.TooManyRequests, EmulatorFaultKind.InternalServerError, EmulatorFaultKind.ServiceUnavailable, EmulatorFaultKind.ConnectionReset, EmulatorFaultKind.TruncatedBody];

        var status = await harness.RunAsync(timeout: Timeout);

        Assert.Equal(RuntimeStatus.Completed, status.RuntimeStatus);
        Assert.Equal(ids.Count, status.Counters.Uploaded);
        Assert.True(harness.Drive.Counters.FaultsInjected > 0);
        var expected = await harness.ExpectedOutputsAsync();
        var outputs = await harness.ReadContainerAsync(harness.OutputContainer);
        Assert.All(expected, e => Assert.Equal(e.Value, outputs[e.Key].Content));
    }

    [Fact]
    public async Task RunAsync_DriveFaultsAndAzuriteRestartMidRun_RiddenOutByRetriesWithEveryFileUploaded()
    {
        await using var persisted = await AzuriteFixture.StartAsync(persistToDisk: true);
        await using var harness = await PipelineHarness.StartAsync(persisted, CancellationToken.None);
        harness.Settings["DriveSync:Pipeline:MaxAttempts"] = "20";
        harness.Settings["DriveSync:Pipeline:MaxRetryInterval"] = "00:00:02";
        var ids = harness.AddTextFiles(500);
        harness.Drive.Faults.FaultRate = 0.10;
        var client = (await harness.EngineAsync()).Client;
        var start = await harness.StartAsync();

        await TestWait.UntilAsync(async () => (await client.GetInstanceAsync(start.InstanceId, true, CancellationToken.None))?.ReadCustomStatusAs<RunProgress>() is { Done: >= 100 }, Timeout);
        await persisted.RestartAsync();
        var status = PipelineHarness.ToStatus(await harness.WaitAsync(start.InstanceId, Timeout));

        Assert.Equal(RuntimeStatus.Completed, status.RuntimeStatus);
        Assert.Equal(ids.Count, status.Counters.Uploaded);
        var manifest = await harness.ReadManifestAsync(start.InstanceId);
        Assert.Equal(ids.Order(StringComparer.Ordinal), manifest.Select(m => m.Id).Order(StringComparer.Ordinal));
        var expected = await harness.ExpectedOutputsAsync();
        var outputs = await harness.ReadContainerAsync(harness.OutputContainer);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), outputs.Keys.Order(StringComparer.Ordinal));
        Assert.All(expected, e => Assert.Equal(e.Value, outputs[e.Key].Content));
    }

    [Fact]
    public async Task RunAsync_FilesAboveInMemoryThreshold_GoThroughTempFilesThatAreGoneAfterwards()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, CancellationToken.None);
        harness.AddTextFiles(30);
        var temp = Directory.CreateTempSubdirectory("drivesync-test-");
        harness.Settings["DriveSync:Pipeline:InMemoryThreshold"] = "16";
        harness.Settings["DriveSync:Pipeline:TempDirectory"] = temp.FullName;

        var status = await harness.RunAsync(timeout: Timeout);

        Assert.Equal(30, status.Counters.Uploaded);
        Assert.Empty(temp.EnumerateFileSystemInfos());
        var expected = await harness.ExpectedOutputsAsync();
        var outputs = await harness.ReadContainerAsync(harness.OutputContainer);
        Assert.All(expected, e => Assert.Equal(e.Value, outputs[e.Key].Content));
        temp.Delete();
    }

    [Fact]
    public async Task RunAsync_SlowDownloads_EachFileDownloadedOnce()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, CancellationToken.None);
        harness.AddTextFiles(100, folders: 0);
        harness.Drive.Faults.Kinds = [EmulatorFaultKind.SlowResponse];
        harness.Drive.Faults.SlowResponseDelay = TimeSpan.FromMilliseconds(250);
        harness.Drive.Faults.Scope = EmulatorFaultScope.MediaOnly;
        harness.Drive.Faults.FaultRate = 1.0;

        var status = await harness.RunAsync(timeout: Timeout);

        Assert.Equal(RuntimeStatus.Completed, status.RuntimeStatus);
        Assert.Equal(100, status.Counters.Uploaded);
        Assert.Equal(100, harness.Drive.Counters.MediaRequests);
    }

    [Fact]
    public async Task RunAsync_EmptyFolder_CompletesWithNothingListed()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, CancellationToken.None);

        var status = await harness.RunAsync(timeout: Timeout);

        Assert.Equal(RuntimeStatus.Completed, status.RuntimeStatus);
        Assert.Equal(RunCounters.Empty.Done, status.Counters.Done);
        Assert.Empty(await harness.ReadManifestAsync(status.Id));
    }

    [Fact]
    public async Task ProcessAsync_BatchProcessedTwice_SecondTimeChangesNothing()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, CancellationToken.None);
        harness.AddTextFiles(120, folders: 0);
        harness.Settings["DriveSync:Pipeline:BatchSize"] = "100";
        var first = await harness.RunAsync(timeout: Timeout);
        var process = harness.NewProcess();
        var batches = process.GetRequiredService<BatchProcessor>();
        var input = new ProcessBatchInput(first.Id, new BatchRef(0, StatePaths.Batch(first.Id, 0), 100));

        var outcomes = await Task.WhenAll(batches.ProcessAsync(input, CancellationToken.None), batches.ProcessAsync(input, CancellationToken.None));
        var mediaBefore = harness.Drive.Counters.MediaRequests;
        var third = await batches.ProcessAsync(input, CancellationToken.None);

        Assert.All(outcomes.Append(third), o => Assert.Equal(100, o.Uploaded));
        Assert.Equal(outcomes[0] with { PiiFound = third.PiiFound }, third);
        Assert.Equal(mediaBefore, harness.Drive.Counters.MediaRequests);
        Assert.Equal(120, (await harness.ReadContainerAsync(harness.OutputContainer)).Count);
    }

    [Fact]
    public async Task RunAsync_CanaryScan_NoPlantedPiiInBlobsLogsOrTheTaskHubsInputsOutputsStatusAndHistory()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, CancellationToken.None);
        harness.Settings["DriveSync:Drive:PageSize"] = "100";
        harness.AddTextFiles(200);
        harness.Drive.Store.AddFolder(harness.Drive.Store.RootFolderId, $"case {Canary.Ssn} {Canary.Email}");
        harness.Drive.Store.AddFile(harness.Drive.Store.RootFolderId, $"{Canary.Email}.bin", [0, 1, 2, 3, 0, 255], "application/octet-stream");
        var engine = await harness.EngineAsync();

        var start = await harness.StartAsync();
        var instance = await harness.WaitAsync(start.InstanceId, Timeout);
        var status = PipelineHarness.ToStatus(instance);

        Assert.Equal(RuntimeStatus.Completed, status.RuntimeStatus);
        Assert.Equal(1, status.Counters.Quarantined);
        var everything = new StringBuilder();
        foreach (var container in new[] { harness.OutputContainer, harness.StateContainer })
        {
            foreach (var (name, blob) in await harness.ReadContainerAsync(container))
            {
                everything.AppendLine(name).AppendLine(Encoding.UTF8.GetString(blob.Content));
                foreach (var (key, value) in blob.Metadata)
                    everything.AppendLine(key + "=" + value);
            }
        }
        foreach (var line in harness.Logs.Lines)
            everything.AppendLine(line);
        everything.AppendLine(instance.InstanceId).AppendLine(instance.SerializedInput).AppendLine(instance.SerializedOutput).AppendLine(instance.SerializedCustomStatus);
        foreach (var historyEvent in await engine.Client.GetOrchestrationHistoryAsync(start.InstanceId, TestContext.Current.CancellationToken))
            everything.AppendLine(System.Text.Json.JsonSerializer.Serialize(historyEvent, historyEvent.GetType()));
        var text = everything.ToString();
        Assert.True(harness.Logs.Lines.Count > 0);
        Assert.Contains(PipelineTasks.ProcessBatch, text, StringComparison.Ordinal);
        foreach (var canary in Canary.All)
            Assert.DoesNotContain(canary, text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task StartAsync_WhileARunIsInProgress_ReturnsThatRunAndLaterStartsANewOne()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, CancellationToken.None);
        harness.AddTextFiles(10);

        var starts = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => harness.StartAsync(new SyncRunRequest(i % 2 == 0 ? "timer" : "http"))));

        var created = Assert.Single(starts, s => s.Created);
        Assert.All(starts, s => Assert.Equal(created.InstanceId, s.InstanceId));
        var first = PipelineHarness.ToStatus(await harness.WaitAsync(created.InstanceId, Timeout));
        Assert.Equal(RuntimeStatus.Completed, first.RuntimeStatus);
        var next = await harness.StartAsync();
        Assert.True(next.Created);
        Assert.NotEqual(created.InstanceId, next.InstanceId);
        await harness.WaitAsync(next.InstanceId, Timeout);
        var client = (await harness.EngineAsync()).Client;
        var runs = new List<string>();
        await foreach (var run in client.GetAllInstancesAsync(new OrchestrationQuery { FetchInputsAndOutputs = true }))
            runs.Add(run.InstanceId);
        Assert.Equal(new[] { created.InstanceId, next.InstanceId }.Order(StringComparer.Ordinal), runs.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task StopAsync_RunInProgress_EndsTerminatedWithPendingBatchesFailedWithTheReason()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, CancellationToken.None);
        harness.Settings["DriveSync:Pipeline:BatchSize"] = "10";
        harness.Settings["DriveSync:Pipeline:MaxBatchesInFlight"] = "1";
        harness.AddTextFiles(300);
        harness.Drive.Faults.Kinds = [EmulatorFaultKind.SlowResponse];
        harness.Drive.Faults.SlowResponseDelay = TimeSpan.FromMilliseconds(30);
        harness.Drive.Faults.Scope = EmulatorFaultScope.MediaOnly;
        harness.Drive.Faults.FaultRate = 1.0;
        var engine = await harness.EngineAsync();
        var start = await harness.StartAsync();
        await TestWait.UntilAsync(async () => (await engine.Client.GetInstanceAsync(start.InstanceId, true, CancellationToken.None))?.ReadCustomStatusAs<RunProgress>() is { Uploaded: > 0 }, Timeout);

        Assert.True(await engine.Services.GetRequiredService<SyncRunStarter>().StopAsync(engine.Client, start.InstanceId, "Stopped by the test.", TestContext.Current.CancellationToken));
        var instance = await harness.WaitAsync(start.InstanceId, Timeout);
        var final = PipelineHarness.ToStatus(instance);

        Assert.Equal(RuntimeStatus.Terminated, final.RuntimeStatus);
        Assert.Equal("Stopped by the test.", final.FailureReason);
        Assert.Equal(RunPhase.Terminated, instance.ReadCustomStatusAs<RunProgress>()!.Phase);
        Assert.Equal(final.Counters.Listed, final.Counters.Done);
        Assert.True(final.Counters.Failed > 0);
        var manifest = await harness.ReadManifestAsync(start.InstanceId);
        Assert.Equal(final.Counters.Listed, manifest.Count);
        Assert.Equal(final.Counters.Failed, manifest.Count(m => m is { Outcome: FileOutcome.Failed, Reason: "Stopped by the test." }));
        Assert.False(await engine.Services.GetRequiredService<SyncRunStarter>().StopAsync(engine.Client, start.InstanceId, "again", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task StartAsync_AfterTheEngineTerminatedARun_FinalizesThatRunFirst()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, CancellationToken.None);
        harness.Settings["DriveSync:Pipeline:BatchSize"] = "10";
        harness.Settings["DriveSync:Pipeline:MaxBatchesInFlight"] = "1";
        harness.AddTextFiles(200);
        harness.Drive.Faults.Kinds = [EmulatorFaultKind.SlowResponse];
        harness.Drive.Faults.SlowResponseDelay = TimeSpan.FromMilliseconds(30);
        harness.Drive.Faults.Scope = EmulatorFaultScope.MediaOnly;
        harness.Drive.Faults.FaultRate = 1.0;
        var engine = await harness.EngineAsync();
        var start = await harness.StartAsync();
        await TestWait.UntilAsync(async () => (await engine.Client.GetInstanceAsync(start.InstanceId, true, CancellationToken.None))?.ReadCustomStatusAs<RunProgress>() is { Uploaded: > 0, ListingComplete: true }, Timeout);

        await engine.Client.TerminateInstanceAsync(start.InstanceId, "hard stop", TestContext.Current.CancellationToken);
        await harness.WaitAsync(start.InstanceId, Timeout);
        harness.Drive.Faults.FaultRate = 0;
        var next = await harness.RunAsync(timeout: Timeout);

        var terminated = await harness.ReadManifestAsync(start.InstanceId);
        Assert.Equal(200, terminated.Count);
        Assert.Contains(terminated, m => m is { Outcome: FileOutcome.Failed, Reason: "The run was terminated." });
        var state = await harness.ReadContainerAsync(harness.StateContainer);
        var summary = StateJson.Deserialize<RunStatus>(BinaryData.FromBytes(state[StatePaths.Summary(start.InstanceId)].Content));
        Assert.Equal(RuntimeStatus.Terminated, summary.RuntimeStatus);
        Assert.Equal(RuntimeStatus.Completed, next.RuntimeStatus);
        Assert.Equal(200, next.Counters.Uploaded + next.Counters.Skipped);
        Assert.Equal(terminated.Count(m => m.Outcome == FileOutcome.Failed), next.Counters.Uploaded);
    }

    [Fact]
    public async Task StartAsync_LimitAndDryRun_PlansWithoutWritingThenProcessesOnlyTheLimit()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, CancellationToken.None);
        harness.AddTextFiles(120);

        var plan = await harness.RunAsync(new SyncRunRequest("cli", Limit: 70, DryRun: true), Timeout);
        Assert.Equal("Planned", plan.Phase);
        Assert.Equal(70, plan.Counters.Listed);
        Assert.Equal(0, plan.Counters.Skipped);
        Assert.Empty(await harness.ReadContainerAsync(harness.OutputContainer));
        Assert.Empty(await harness.ReadContainerAsync(harness.StateContainer));

        var limited = await harness.RunAsync(new SyncRunRequest("cli", Limit: 70), Timeout);
        Assert.Equal(RuntimeStatus.Completed, limited.RuntimeStatus);
        Assert.Equal(70, limited.Counters.Listed);
        Assert.Equal(70, limited.Counters.Uploaded);

        var replan = await harness.RunAsync(new SyncRunRequest("cli", DryRun: true), Timeout);
        Assert.Equal(120, replan.Counters.Listed);
        Assert.Equal(70, replan.Counters.Skipped);
    }
}
