using System.Text.Json.Nodes;
using DriveSync.Pipeline.Runs;
using DriveSync.Pipeline.State;
using DriveSync.Testing;

namespace DriveSync.Pipeline.Tests;

/// <summary>Incremental runs through Drive's change list (changes.list), against the emulator over HTTP and Azurite.</summary>
[Collection("Azurite")]
public sealed class IncrementalRunTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task RunAsync_SecondRunWithFiftyChangedFiles_ProcessesExactlyThoseWithoutListingTheTree()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, CancellationToken.None);
        harness.Settings["DriveSync:Drive:PageSize"] = "50";
        var ids = harness.AddTextFiles(300, folders: 20);
        var first = await harness.RunAsync(timeout: Timeout);
        var fullListCalls = harness.Drive.Counters.ListRequests;
        var changesCallsBefore = harness.Drive.Counters.ChangesRequests;
        var mediaBefore = harness.Drive.Counters.MediaRequests;
        var changed = ids.Where((_, i) => i % 6 == 0).ToList();
        foreach (var id in changed)
            harness.Drive.Store.UpdateContent(id, Canary.TextDocument(200_000 + ids.IndexOf(id)));

        var second = await harness.RunAsync(timeout: Timeout);

        Assert.Equal(300, first.Counters.Uploaded);
        Assert.Equal(50, changed.Count);
        Assert.Equal(RuntimeStatus.Completed, second.RuntimeStatus);
        Assert.Equal(50, second.Counters.Listed);
        Assert.Equal(50, second.Counters.Uploaded);
        var manifest = await harness.ReadManifestAsync(second.Id);
        Assert.Equal(changed.Order(StringComparer.Ordinal), manifest.Select(m => m.Id).Order(StringComparer.Ordinal));
        Assert.All(manifest, m => Assert.Equal(FileOutcome.Uploaded, m.Outcome));
        Assert.True(fullListCalls >= 7, $"A full listing made {fullListCalls} list calls."); // the root, then 300 files of 20 folders listed together in pages of 50
        Assert.Equal(fullListCalls, harness.Drive.Counters.ListRequests);
        Assert.InRange(harness.Drive.Counters.ChangesRequests - changesCallsBefore, 1, 2);
        Assert.Equal(50, harness.Drive.Counters.MediaRequests - mediaBefore);
        var expected = await harness.ExpectedOutputsAsync();
        var outputs = await harness.ReadContainerAsync(harness.OutputContainer);
        Assert.All(expected, e => Assert.Equal(e.Value, outputs[e.Key].Content));
    }

    [Fact]
    public async Task RunAsync_ChangesTokenNoLongerAccepted_ListsTheWholeTreeAndProcessesTheChangedFiles()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, CancellationToken.None);
        var ids = harness.AddTextFiles(60);
        await harness.RunAsync(timeout: Timeout);
        harness.Drive.Store.UpdateContent(ids[5], Canary.TextDocument(9_000));
        await ReplaceSavedTokenAsync(harness, "0");
        var listCallsBefore = harness.Drive.Counters.ListRequests;

        var second = await harness.RunAsync(timeout: Timeout);

        Assert.Equal(RuntimeStatus.Completed, second.RuntimeStatus);
        Assert.Equal(60, second.Counters.Listed);
        Assert.Equal(1, second.Counters.Uploaded);
        Assert.Equal(59, second.Counters.Skipped);
        Assert.True(harness.Drive.Counters.ListRequests > listCallsBefore);
        var third = await harness.RunAsync(timeout: Timeout);
        Assert.Equal(0, third.Counters.Listed);
    }

    [Fact]
    public async Task RunAsync_FolderAddedBetweenRuns_ListsTheWholeTreeSoItsFilesAreProcessed()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, CancellationToken.None);
        harness.AddTextFiles(40);
        await harness.RunAsync(timeout: Timeout);
        var folder = harness.Drive.Store.AddFolder(harness.Drive.Store.RootFolderId, "new folder");
        var sub = harness.Drive.Store.AddFolder(folder, "inner");
        var added = Enumerable.Range(0, 5).Select(i => harness.Drive.Store.AddFile(sub, $"late {i}.txt", Canary.TextDocument(i), "text/plain")).ToList();

        var second = await harness.RunAsync(timeout: Timeout);

        Assert.Equal(RuntimeStatus.Completed, second.RuntimeStatus);
        Assert.Equal(45, second.Counters.Listed);
        Assert.Equal(5, second.Counters.Uploaded);
        harness.Drive.Store.UpdateContent(added[0], Canary.TextDocument(77));
        var third = await harness.RunAsync(timeout: Timeout);
        Assert.Equal(1, third.Counters.Listed);
        Assert.Equal(1, third.Counters.Uploaded);
    }

    [Fact]
    public async Task RunAsync_ShortcutTargetOutsideTheTreeChanged_ProcessesTheTargetFromTheChangeList()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, CancellationToken.None);
        var store = harness.Drive.Store;
        var source = store.AddFolder(store.RootFolderId, "source");
        var elsewhere = store.AddFolder(store.RootFolderId, "elsewhere");
        var target = store.AddFile(elsewhere, "target.txt", Canary.TextDocument(1), "text/plain");
        store.AddShortcut(source, "link to target", target);
        var inside = store.AddFile(source, "inside.txt", Canary.TextDocument(2), "text/plain");
        store.AddFile(elsewhere, "unrelated.txt", Canary.TextDocument(3), "text/plain");
        harness.Settings["DriveSync:Drive:FolderId"] = source;
        var first = await harness.RunAsync(timeout: Timeout);
        var listCalls = harness.Drive.Counters.ListRequests;
        store.UpdateContent(target, Canary.TextDocument(4));
        store.UpdateContent(store.Snapshot().Single(f => f.Name == "unrelated.txt").Id, Canary.TextDocument(5));

        var second = await harness.RunAsync(timeout: Timeout);

        Assert.Equal(new[] { inside, target }.Order(StringComparer.Ordinal),
            (await harness.ReadManifestAsync(first.Id)).Select(m => m.Id).Order(StringComparer.Ordinal));
        Assert.Equal(RuntimeStatus.Completed, second.RuntimeStatus);
        Assert.Equal([target], (await harness.ReadManifestAsync(second.Id)).Select(m => m.Id));
        Assert.Equal(1, second.Counters.Uploaded);
        Assert.Equal(listCalls, harness.Drive.Counters.ListRequests);
    }

    private static async Task ReplaceSavedTokenAsync(PipelineHarness harness, string token)
    {
        var blob = harness.Azurite.CreateClients().Blobs.GetBlobContainerClient(harness.StateContainer)
            .GetBlobClient(StatePaths.Changes(harness.Drive.Store.RootFolderId));
        var download = await blob.DownloadContentAsync();
        var document = JsonNode.Parse(download.Value.Content.ToString())!;
        document["token"] = token;
        await blob.UploadAsync(BinaryData.FromString(document.ToJsonString()), overwrite: true);
    }
}
