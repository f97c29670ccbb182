using System.Text;
using DriveSync.DriveEmulator;
using DriveSync.Pipeline.Runs;
using DriveSync.Pipeline.State;
using DriveSync.Pipeline.Work;
using DriveSync.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DriveSync.Pipeline.Tests;

[Collection("Azurite")]
public sealed class RunEndToEndTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task RunAsync_ManyFilesInFolders_OutputsEqualLocallySanitizedBytesAndManifestListsEachFileOnce()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, CancellationToken.None);
        var ids = harness.AddTextFiles(5000);

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
    public async Task RunAsync_DriveFaultsAndAzuriteRestartMidRun_FinishesWithEveryFileUploaded()
    {
        await using var persisted = await AzuriteFixture.StartAsync(persistToDisk: true);
        await using var harness = await PipelineHarness.StartAsync(persisted, CancellationToken.None);
        var ids = harness.AddTextFiles(500);
        harness.Drive.Faults.FaultRate = 0.10;
        var process = harness.NewProcess();
        var runs = process.GetRequiredService<IRunManager>();
        using var cts = new CancellationTokenSource(Timeout);
        var run = (await runs.StartAsync(new RunRequest("test"), cts.Token)).Run;
        var working = process.GetRequiredService<RunWorker>().RunAsync(cts.Token);

        await TestWait.UntilAsync(async () => (await runs.GetAsync(run.Id, CancellationToken.None))!.Counters.Done >= 100, Timeout);
        await persisted.RestartAsync();
        await TestWait.UntilAsync(async () => (await runs.GetAsync(run.Id, CancellationToken.None))!.RuntimeStatus == RuntimeStatus.Completed, Timeout);
        await cts.CancelAsync();
        await working.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        var status = (await runs.GetAsync(run.Id, TestContext.Current.CancellationToken))!;
        Assert.Equal(ids.Count, status.Counters.Uploaded);
        var manifest = await harness.ReadManifestAsync(run.Id);
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
    public async Task RunAsync_BatchesSlowerThanVisibilityTimeout_EachFileDownloadedOnce()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, CancellationToken.None);
        harness.AddTextFiles(100, folders: 0);
        harness.Settings["DriveSync:Pipeline:VisibilityTimeout"] = "00:00:02";
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
    public async Task RunAsync_TwoWorkerProcessesOnOneRun_NoDuplicateOutputsAndEachFileOnce()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, CancellationToken.None);
        var ids = harness.AddTextFiles(600);
        using var cts = new CancellationTokenSource(Timeout);
        var second = harness.NewProcess().GetRequiredService<RunWorker>().RunAsync(cts.Token);

        var status = await harness.RunAsync(timeout: Timeout);
        await cts.CancelAsync();
        await second.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Equal(RuntimeStatus.Completed, status.RuntimeStatus);
        Assert.Equal(ids.Count, status.Counters.Uploaded);
        var outputs = await harness.ReadContainerAsync(harness.OutputContainer);
        Assert.Equal(ids.Count, outputs.Count);
        Assert.Equal(ids.Count, outputs.Values.Select(o => o.Metadata["sourceid"]).Distinct().Count());
        var manifest = await harness.ReadManifestAsync(status.Id);
        Assert.Equal(ids.Count, manifest.Select(m => m.Id).Distinct().Count());
        Assert.Equal(ids.Count, manifest.Count);
    }

    [Fact]
    public async Task RunAsync_ProcessAbandonedMidRun_AnotherProcessResumesFromCheckpointWithEachFileOnce()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, CancellationToken.None);
        var ids = harness.AddTextFiles(800);
        var first = harness.NewProcess();
        var runs = first.GetRequiredService<IRunManager>();
        using var killFirst = new CancellationTokenSource(Timeout);
        var started = await runs.StartAsync(new RunRequest("test"), killFirst.Token);
        var working = first.GetRequiredService<RunWorker>().RunAsync(killFirst.Token);
        await TestWait.UntilAsync(async () => (await runs.GetAsync(started.Run.Id, CancellationToken.None))!.Counters.Done >= 200, Timeout);
        await killFirst.CancelAsync();
        await working.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        var midway = (await runs.GetAsync(started.Run.Id, CancellationToken.None))!;
        Assert.False(midway.RuntimeStatus is RuntimeStatus.Completed);

        var resumed = await harness.RunAsync(timeout: Timeout);

        Assert.Equal(started.Run.Id, resumed.Id);
        Assert.Equal(RuntimeStatus.Completed, resumed.RuntimeStatus);
        Assert.Equal(ids.Count, resumed.Counters.Uploaded);
        var manifest = await harness.ReadManifestAsync(resumed.Id);
        Assert.Equal(ids.Order(StringComparer.Ordinal), manifest.Select(m => m.Id).Order(StringComparer.Ordinal));
        var expected = await harness.ExpectedOutputsAsync();
        var outputs = await harness.ReadContainerAsync(harness.OutputContainer);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), outputs.Keys.Order(StringComparer.Ordinal));
        Assert.All(expected, e => Assert.Equal(e.Value, outputs[e.Key].Content));
    }

    [Fact]
    public async Task HandleMessageAsync_BatchDeliveredTwice_SecondDeliveryChangesNothing()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, CancellationToken.None);
        harness.AddTextFiles(120, folders: 0);
        harness.Settings["DriveSync:Pipeline:BatchSize"] = "100";
        var process = harness.NewProcess();
        var runs = process.GetRequiredService<IRunManager>();
        var handler = process.GetRequiredService<WorkMessageHandler>();
        using var cts = new CancellationTokenSource(Timeout);
        var run = (await runs.StartAsync(new RunRequest("test"), cts.Token)).Run;
        await handler.HandleMessageAsync(WorkMessage.Step(run.Id, 0).ToText(), 1, cts.Token);
        await handler.HandleMessageAsync(WorkMessage.Step(run.Id, 1).ToText(), 1, cts.Token);

        var batch = WorkMessage.ForBatch(run.Id, 0).ToText();
        await Task.WhenAll(handler.HandleMessageAsync(batch, 1, cts.Token), handler.HandleMessageAsync(batch, 2, cts.Token));
        var afterFirst = (await runs.GetAsync(run.Id, cts.Token))!;
        await handler.HandleMessageAsync(batch, 3, cts.Token);
        var afterThird = (await runs.GetAsync(run.Id, cts.Token))!;

        Assert.Equal(100, afterFirst.Counters.Uploaded);
        Assert.Equal(afterFirst.Counters, afterThird.Counters with { PiiFound = afterFirst.Counters.PiiFound });
        Assert.Equal(100, (await harness.ReadContainerAsync(harness.OutputContainer)).Count);
    }

    [Fact]
    public async Task RunAsync_CanaryScan_NoPlantedPiiInAnyBlobNameMetadataOrLogLine()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, CancellationToken.None);
        harness.AddTextFiles(200);
        harness.Drive.Store.AddFile(harness.Drive.Store.RootFolderId, $"{Canary.Email}.bin", [0, 1, 2, 3, 0, 255], "application/octet-stream");

        var status = await harness.RunAsync(timeout: Timeout);

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
        var text = everything.ToString();
        Assert.True(harness.Logs.Lines.Count > 0);
        foreach (var canary in Canary.All)
            Assert.DoesNotContain(canary, text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task StartAsync_WhileARunIsInProgress_ReturnsThatRun()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, CancellationToken.None);
        harness.AddTextFiles(10);
        var runs = harness.NewProcess().GetRequiredService<IRunManager>();
        using var cts = new CancellationTokenSource(Timeout);

        var first = await runs.StartAsync(new RunRequest("timer"), cts.Token);
        var second = await runs.StartAsync(new RunRequest("http"), cts.Token);

        Assert.True(first.Created);
        Assert.False(second.Created);
        Assert.Equal(first.Run.Id, second.Run.Id);
        var listed = await runs.ListAsync(new RunQuery(), cts.Token);
        Assert.Equal([first.Run.Id], listed.Runs.Select(r => r.Id));
    }

    [Fact]
    public async Task TerminateAsync_RunInProgress_EndsTerminatedWithEveryListedFileAccountedFor()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, CancellationToken.None);
        harness.AddTextFiles(300);
        var process = harness.NewProcess();
        var runs = process.GetRequiredService<IRunManager>();
        using var cts = new CancellationTokenSource(Timeout);
        var run = (await runs.StartAsync(new RunRequest("test"), cts.Token)).Run;
        await process.GetRequiredService<WorkMessageHandler>().HandleMessageAsync(WorkMessage.Step(run.Id, 0).ToText(), 1, cts.Token);

        await runs.TerminateAsync(run.Id, "Stopped by the test.", cts.Token);
        var final = await harness.RunAsync(timeout: Timeout);

        Assert.Equal(run.Id, final.Id);
        Assert.Equal(RuntimeStatus.Terminated, final.RuntimeStatus);
        Assert.Equal("Stopped by the test.", final.FailureReason);
        Assert.Equal(final.Counters.Listed, final.Counters.Done);
        var manifest = await harness.ReadManifestAsync(run.Id);
        Assert.Equal(final.Counters.Listed, manifest.Count);
        Assert.Equal(PurgeResult.Purged, await runs.PurgeAsync(run.Id, cts.Token));
        Assert.Null(await runs.GetAsync(run.Id, cts.Token));
    }

    [Fact]
    public async Task StartAsync_LimitAndDryRun_PlansWithoutWritingThenProcessesOnlyTheLimit()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, CancellationToken.None);
        harness.AddTextFiles(120);

        var plan = await harness.RunAsync(new RunRequest("cli", Limit: 70, DryRun: true), Timeout);
        Assert.Equal(RunPhases.Planned, plan.Phase);
        Assert.Equal(70, plan.Counters.Listed);
        Assert.Empty(await harness.ReadContainerAsync(harness.OutputContainer));

        var limited = await harness.RunAsync(new RunRequest("cli", Limit: 70), Timeout);
        Assert.Equal(RuntimeStatus.Completed, limited.RuntimeStatus);
        Assert.Equal(70, limited.Counters.Listed);
        Assert.Equal(70, limited.Counters.Uploaded);
    }
}
