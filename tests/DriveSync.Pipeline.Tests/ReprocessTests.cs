using System.Text;
using DriveSync.Pipeline.Orchestration;
using DriveSync.Pipeline.Runs;
using DriveSync.Pipeline.State;
using DriveSync.Pipeline.Work;
using DriveSync.Sanitization;
using DriveSync.Testing;

namespace DriveSync.Pipeline.Tests;

/// <summary>
/// Outputs follow the sanitizer's policy: a run after a policy change (a new custom pattern, a ledger from before policies
/// were recorded, <c>--reprocess all</c>) rewrites every earlier output, one download per file, on the in-process engine
/// with the Drive emulator over HTTP and Azurite.
/// </summary>
[Collection("Azurite")]
public sealed class ReprocessTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    /// <summary>A custom pattern the canary documents match ("Notice 12" on each text file's first line).</summary>
    private static SanitizerOptions NoticePolicy() =>
        new() { CustomPatterns = { new CustomPatternOptions { Name = "NOTICE_NO", Pattern = @"Notice \d+" } } };

    [Fact]
    public async Task RunAsync_CustomPatternAddedBetweenRuns_RewritesEveryOutputWithTheNewRedactionDownloadingEachFileOnce()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, CancellationToken.None);
        var ids = harness.AddTextFiles(60);
        var first = await harness.RunAsync(timeout: Timeout);
        var fullListCalls = harness.Drive.Counters.ListRequests;
        var before = await harness.ReadContainerAsync(harness.OutputContainer);
        AddNoticePattern(harness);
        await harness.RestartEngineAsync();
        var mediaBefore = harness.Drive.Counters.MediaRequests;

        var second = await harness.RunAsync(timeout: Timeout);

        Assert.Equal(60, first.Counters.Uploaded);
        Assert.Equal(RuntimeStatus.Completed, second.RuntimeStatus);
        Assert.Equal(60, second.Counters.Listed);
        Assert.Equal(60, second.Counters.Uploaded);
        Assert.Equal(60, second.Counters.Reprocessed);
        Assert.Equal(0, second.Counters.Removed);
        Assert.Equal(60, harness.Drive.Counters.MediaRequests - mediaBefore);
        Assert.Equal(fullListCalls, harness.Drive.Counters.ListRequests - fullListCalls);
        var expected = await harness.ExpectedOutputsAsync(NoticePolicy());
        var outputs = await harness.ReadContainerAsync(harness.OutputContainer);
        Assert.Equal(before.Keys.Order(StringComparer.Ordinal), outputs.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), outputs.Keys.Order(StringComparer.Ordinal));
        Assert.All(expected, e => Assert.Equal(e.Value, outputs[e.Key].Content));
        var texts = outputs.Where(o => o.Key.EndsWith(".txt", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(texts);
        Assert.All(texts, t => Assert.StartsWith("[NOTICE_NO]\n", Encoding.UTF8.GetString(t.Value.Content), StringComparison.Ordinal));
        Assert.All(texts, t => Assert.StartsWith("Notice ", Encoding.UTF8.GetString(before[t.Key].Content), StringComparison.Ordinal));
        Assert.All(outputs.Values, o => Assert.Equal(PolicyVersion.For(NoticePolicy()), o.Metadata["policyversion"]));
        var manifest = await harness.ReadManifestAsync(second.Id);
        Assert.Equal(ids.Order(StringComparer.Ordinal), manifest.Select(m => m.Id).Order(StringComparer.Ordinal));
        Assert.All(manifest, m => Assert.True(m is { Outcome: FileOutcome.Uploaded, Reprocessed: true }));
        var third = await harness.RunAsync(timeout: Timeout);
        Assert.Equal(0, third.Counters.Uploaded);
        Assert.Equal(0, third.Counters.Reprocessed);
    }

    [Fact]
    public async Task RunAsync_PolicyChangedWithReprocessOnPolicyChangeOff_KeepsEarlierOutputsAndDownloadsNothing()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, CancellationToken.None);
        harness.AddTextFiles(20);
        await harness.RunAsync(timeout: Timeout);
        var before = await harness.ReadContainerAsync(harness.OutputContainer);
        AddNoticePattern(harness);
        harness.Settings["DriveSync:Pipeline:ReprocessOnPolicyChange"] = "false";
        await harness.RestartEngineAsync();
        var mediaBefore = harness.Drive.Counters.MediaRequests;

        var second = await harness.RunAsync(timeout: Timeout);

        Assert.Equal(RuntimeStatus.Completed, second.RuntimeStatus);
        Assert.Equal(0, second.Counters.Uploaded);
        Assert.Equal(0, second.Counters.Reprocessed);
        Assert.Equal(0, harness.Drive.Counters.MediaRequests - mediaBefore);
        var outputs = await harness.ReadContainerAsync(harness.OutputContainer);
        Assert.All(before, b => Assert.Equal(b.Value.Content, outputs[b.Key].Content));
    }

    [Fact]
    public async Task RunAsync_ReprocessAllWithoutAPolicyChange_RewritesEveryOutputOnce()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, CancellationToken.None);
        harness.AddTextFiles(20);
        await harness.RunAsync(timeout: Timeout);
        var mediaBefore = harness.Drive.Counters.MediaRequests;

        var second = await harness.RunAsync(new SyncRunRequest("test", ReprocessAll: true), Timeout);

        Assert.Equal(RuntimeStatus.Completed, second.RuntimeStatus);
        Assert.Equal(20, second.Counters.Listed);
        Assert.Equal(20, second.Counters.Uploaded);
        Assert.Equal(20, second.Counters.Reprocessed);
        Assert.Equal(20, harness.Drive.Counters.MediaRequests - mediaBefore);
        var expected = await harness.ExpectedOutputsAsync();
        var outputs = await harness.ReadContainerAsync(harness.OutputContainer);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), outputs.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task RunAsync_LedgerWrittenBeforePoliciesWereRecorded_ReprocessesEveryOutputAsUnknownPolicy()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, CancellationToken.None);
        harness.AddTextFiles(15);
        await harness.RunAsync(timeout: Timeout);
        await RewriteLedgerInTheEarlierFormAsync(harness);

        var second = await harness.RunAsync(timeout: Timeout);

        Assert.Equal(RuntimeStatus.Completed, second.RuntimeStatus);
        Assert.Equal(15, second.Counters.Reprocessed);
        Assert.Equal(0, (await harness.RunAsync(timeout: Timeout)).Counters.Uploaded);
    }

    [Fact]
    public async Task DryRun_AfterAPolicyChange_CountsTheFilesToReprocessAndWritesNothing()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, CancellationToken.None);
        harness.AddTextFiles(12);
        await harness.RunAsync(timeout: Timeout);
        harness.AddTextFiles(3, folders: 0);
        AddNoticePattern(harness);
        await harness.RestartEngineAsync();
        var stateBefore = (await harness.ReadContainerAsync(harness.StateContainer)).Keys.ToList();
        var outputsBefore = await harness.ReadContainerAsync(harness.OutputContainer);

        var plan = await harness.RunAsync(new SyncRunRequest("test", DryRun: true), Timeout);

        Assert.Equal(15, plan.Counters.Listed);
        Assert.Equal(0, plan.Counters.Skipped);
        Assert.Equal(12, plan.Counters.Reprocessed);
        Assert.Equal(0, plan.Counters.Removed);
        Assert.Equal(stateBefore.Order(StringComparer.Ordinal), (await harness.ReadContainerAsync(harness.StateContainer)).Keys.Order(StringComparer.Ordinal));
        var outputs = await harness.ReadContainerAsync(harness.OutputContainer);
        Assert.All(outputsBefore, o => Assert.Equal(o.Value.Content, outputs[o.Key].Content));
    }

    internal static void AddNoticePattern(PipelineHarness harness)
    {
        harness.Settings["DriveSync:Sanitizer:CustomPatterns:0:Name"] = "NOTICE_NO";
        harness.Settings["DriveSync:Sanitizer:CustomPatterns:0:Pattern"] = @"Notice \d+";
    }

    /// <summary>Turns the source's ledger into the form before policies (16-byte records: id hash, version hash).</summary>
    private static async Task RewriteLedgerInTheEarlierFormAsync(PipelineHarness harness)
    {
        var blob = harness.Azurite.CreateClients().Blobs.GetBlobContainerClient(harness.StateContainer)
            .GetBlobClient(StatePaths.Ledger(harness.Drive.Store.RootFolderId));
        var current = (await blob.DownloadContentAsync(TestContext.Current.CancellationToken)).Value.Content.ToArray();
        Assert.Equal("DSLEDGR2", Encoding.ASCII.GetString(current, 0, 8));
        using var legacy = new MemoryStream();
        for (var offset = 16; offset < current.Length; offset += 24)
            legacy.Write(current, offset, 16);
        await blob.UploadAsync(BinaryData.FromBytes(legacy.ToArray()), overwrite: true, TestContext.Current.CancellationToken);
    }
}

/// <summary>
/// `drivesync run` as a child process, killed with SIGKILL while it replaces outputs after a policy change (new outputs
/// uploaded, superseded ones being deleted), then started again.
/// </summary>
[Collection("Azurite")]
public sealed class ReprocessKillTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(180);

    [Fact]
    public async Task DrivesyncRun_KilledBetweenUploadsAndDeletions_NeverLeavesAFileWithoutItsOutputAndTheRerunConverges()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, CancellationToken.None);
        harness.Settings["DriveSync:Pipeline:BatchSize"] = "10";
        harness.Settings["DriveSync:Pipeline:MaxBatchesInFlight"] = "1";
        harness.Settings["DriveSync:Pipeline:FileConcurrency"] = "1";
        harness.AddTextFiles(300);
        await harness.RunAsync(timeout: Timeout);
        await harness.RestartEngineAsync();
        var outputs = await harness.BlobNamesAsync(harness.OutputContainer);
        var stale = outputs.Select(n => n.Insert(n.LastIndexOf('/') + 1, "earlier ")).ToList();
        foreach (var name in stale)
            await harness.PutBlobAsync(harness.OutputContainer, name, Encoding.UTF8.GetBytes("written by an earlier sanitizer under another name"));
        ReprocessTests.AddNoticePattern(harness);

        using (var child = ProcessKillTests.StartDrivesyncRun(harness))
        {
            await TestWait.UntilAsync(async () =>
            {
                var names = await harness.BlobNamesAsync(harness.OutputContainer);
                Assert.DoesNotContain(outputs, o => !names.Contains(o));
                return child.HasExited || stale.Count(names.Contains) <= stale.Count - 20;
            }, Timeout);
            Assert.False(child.HasExited, "drivesync run finished before it could be killed.");
            child.Kill();
            await child.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        }
        var afterKill = await harness.BlobNamesAsync(harness.OutputContainer);
        using var rerun = ProcessKillTests.StartDrivesyncRun(harness);
        await rerun.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken);

        Assert.DoesNotContain(outputs, o => !afterKill.Contains(o));
        Assert.Contains(stale, afterKill.Contains);
        Assert.Equal(0, rerun.ExitCode);
        var expected = await harness.ExpectedOutputsAsync(new() { CustomPatterns = { new() { Name = "NOTICE_NO", Pattern = @"Notice \d+" } } });
        var final = await harness.ReadContainerAsync(harness.OutputContainer);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), final.Keys.Order(StringComparer.Ordinal));
        Assert.All(expected, e => Assert.Equal(e.Value, final[e.Key].Content));
        var runId = (await harness.ActiveRunIdAsync())!;
        var manifest = await harness.ReadManifestAsync(runId);
        Assert.All(manifest.Where(m => m.Outcome == FileOutcome.Removed), m =>
        {
            Assert.Contains(m.Output!, stale);
            Assert.Equal(OutputRemover.SupersededByPolicy, m.Reason);
        });
    }
}
