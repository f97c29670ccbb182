using DriveSync.Pipeline.Runs;
using DriveSync.Pipeline.State;
using DriveSync.Pipeline.Work;
using DriveSync.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DriveSync.Pipeline.Tests;

[Collection("Azurite")]
public sealed class RunFailureTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task HandleMessageAsync_BatchDeliveredMoreThanMaxAttempts_ItsFilesFailWithReasonAndRunCompletes()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, CancellationToken.None);
        harness.AddTextFiles(80, folders: 0);
        var process = harness.NewProcess();
        var runs = process.GetRequiredService<IRunManager>();
        var handler = process.GetRequiredService<WorkMessageHandler>();
        using var cts = new CancellationTokenSource(Timeout);
        var run = (await runs.StartAsync(new RunRequest("test"), cts.Token)).Run;
        await handler.HandleMessageAsync(WorkMessage.Step(run.Id, 0).ToText(), 1, cts.Token);

        await handler.HandleMessageAsync(WorkMessage.ForBatch(run.Id, 0).ToText(), dequeueCount: 6, cts.Token);
        var final = await harness.RunAsync(timeout: Timeout);

        Assert.Equal(RuntimeStatus.Completed, final.RuntimeStatus);
        Assert.Equal(80, final.Counters.Listed);
        Assert.Equal(50, final.Counters.Failed);
        Assert.Equal(30, final.Counters.Uploaded);
        var manifest = await harness.ReadManifestAsync(run.Id);
        Assert.Equal(50, manifest.Count(m => m is { Outcome: FileOutcome.Failed, Reason: "The batch failed 5 times." }));
        var problems = await process.GetRequiredService<IRunProblems>().GetProblemsAsync(run.Id, 10, cts.Token);
        Assert.Equal(10, problems.Count);
        Assert.All(problems, p => Assert.Equal("failed", p.Outcome));
    }

    [Fact]
    public async Task RunAsync_FileDeletedAfterListing_ThatFileFailsWithReasonOthersUpload()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, CancellationToken.None);
        var ids = harness.AddTextFiles(20, folders: 0);
        var process = harness.NewProcess();
        var runs = process.GetRequiredService<IRunManager>();
        using var cts = new CancellationTokenSource(Timeout);
        var run = (await runs.StartAsync(new RunRequest("test"), cts.Token)).Run;
        await process.GetRequiredService<WorkMessageHandler>().HandleMessageAsync(WorkMessage.Step(run.Id, 0).ToText(), 1, cts.Token);
        harness.Drive.Store.Delete(ids[3]);

        var final = await harness.RunAsync(timeout: Timeout);

        Assert.Equal(RuntimeStatus.Completed, final.RuntimeStatus);
        Assert.Equal(19, final.Counters.Uploaded);
        Assert.Equal(1, final.Counters.Failed);
        var failed = Assert.Single(await harness.ReadManifestAsync(run.Id), m => m.Outcome == FileOutcome.Failed);
        Assert.Equal(ids[3], failed.Id);
        Assert.StartsWith("The download failed", failed.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_DriveRejectsCredentials_RunFailsWithReason()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, CancellationToken.None);
        harness.AddTextFiles(5);
        harness.Settings["DriveSync:Drive:BearerToken"] = "wrong-token";

        var final = await harness.RunAsync(timeout: Timeout);

        Assert.Equal(RuntimeStatus.Failed, final.RuntimeStatus);
        Assert.Contains("StopRun", final.FailureReason, StringComparison.Ordinal);
        Assert.Equal(0, final.Counters.Listed);
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
