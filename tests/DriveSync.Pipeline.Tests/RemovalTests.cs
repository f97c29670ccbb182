using DriveSync.Pipeline.Orchestration;
using DriveSync.Pipeline.Runs;
using DriveSync.Pipeline.State;
using DriveSync.Pipeline.Work;
using DriveSync.Testing;

namespace DriveSync.Pipeline.Tests;

/// <summary>
/// Outputs follow their sources out of the tree (<c>DeleteRemoved</c>): trashed, deleted and moved-out files lose their
/// outputs, changed files their earlier version's, through the change list and through a full listing; with the setting
/// off everything stays. The Drive emulator over HTTP, Azurite, the in-process engine.
/// </summary>
[Collection("Azurite")]
public sealed class RemovalTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task RunAsync_DeleteRemovedOnIncremental_TrashedDeletedAndMovedOutFilesLoseTheirOutputsAndAChangedFileItsOldOne()
    {
        await using var tree = await Tree.StartAsync(azurite, deleteRemoved: true);
        var listCalls = tree.Harness.Drive.Counters.ListRequests;

        var second = await tree.ChangeAndRunAsync();

        Assert.Equal(RuntimeStatus.Completed, second.RuntimeStatus);
        Assert.Equal(listCalls, tree.Harness.Drive.Counters.ListRequests);
        Assert.Equal(1, second.Counters.Listed);
        Assert.Equal(1, second.Counters.Uploaded);
        Assert.Equal(4, second.Counters.Removed);
        var outputs = await tree.Harness.BlobNamesAsync(tree.Harness.OutputContainer);
        Assert.Equal(tree.Kept.Append(tree.ChangedNewOutput).Order(StringComparer.Ordinal), outputs.Order(StringComparer.Ordinal));
        var removed = (await tree.Harness.ReadManifestAsync(second.Id)).Where(m => m.Outcome == FileOutcome.Removed).ToDictionary(m => m.Output!, m => m.Reason);
        Assert.Equal(OutputRemover.RemovedInDrive, removed[tree.Outputs[tree.Trashed]]);
        Assert.Equal(OutputRemover.RemovedInDrive, removed[tree.Outputs[tree.Deleted]]);
        Assert.Equal(OutputRemover.MovedOutOfTree, removed[tree.Outputs[tree.MovedOut]]);
        Assert.Equal(OutputRemover.SupersededByVersion, removed[tree.Outputs[tree.Changed]]);
        var third = await tree.Harness.RunAsync(timeout: Timeout);
        Assert.Equal(0, third.Counters.Removed);
        Assert.Equal(0, third.Counters.Listed);
    }

    [Fact]
    public async Task RunAsync_DeleteRemovedOnFullListing_RemovesWhatTheListingNoLongerFinds()
    {
        await using var tree = await Tree.StartAsync(azurite, deleteRemoved: true, useChanges: false);

        var second = await tree.ChangeAndRunAsync();

        Assert.Equal(RuntimeStatus.Completed, second.RuntimeStatus);
        Assert.Equal(Tree.Files - 3, second.Counters.Listed);
        Assert.Equal(4, second.Counters.Removed);
        var outputs = await tree.Harness.BlobNamesAsync(tree.Harness.OutputContainer);
        Assert.Equal(tree.Kept.Append(tree.ChangedNewOutput).Order(StringComparer.Ordinal), outputs.Order(StringComparer.Ordinal));
        var removed = (await tree.Harness.ReadManifestAsync(second.Id)).Where(m => m.Outcome == FileOutcome.Removed).ToDictionary(m => m.Output!, m => m.Reason);
        Assert.Equal(OutputRemover.NotListed, removed[tree.Outputs[tree.Trashed]]);
        Assert.Equal(OutputRemover.NotListed, removed[tree.Outputs[tree.MovedOut]]);
        Assert.Equal(OutputRemover.SupersededByVersion, removed[tree.Outputs[tree.Changed]]);
        Assert.Equal(0, (await tree.Harness.RunAsync(timeout: Timeout)).Counters.Removed);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task RunAsync_DeleteRemovedOff_KeepsEveryOutput(bool useChanges)
    {
        await using var tree = await Tree.StartAsync(azurite, deleteRemoved: false, useChanges);

        var second = await tree.ChangeAndRunAsync();

        Assert.Equal(RuntimeStatus.Completed, second.RuntimeStatus);
        Assert.Equal(1, second.Counters.Uploaded);
        Assert.Equal(0, second.Counters.Removed);
        var outputs = await tree.Harness.BlobNamesAsync(tree.Harness.OutputContainer);
        Assert.Equal(tree.Outputs.Values.Append(tree.ChangedNewOutput).Order(StringComparer.Ordinal), outputs.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(await tree.Harness.ReadManifestAsync(second.Id), m => m.Outcome == FileOutcome.Removed);
    }

    [Fact]
    public async Task RunAsync_FullListingFindsNoFileAtAll_RemovesNothing()
    {
        await using var tree = await Tree.StartAsync(azurite, deleteRemoved: true, useChanges: false);
        foreach (var id in tree.Ids)
            tree.Harness.Drive.Store.Trash(id);

        var second = await tree.Harness.RunAsync(timeout: Timeout);

        Assert.Equal(RuntimeStatus.Completed, second.RuntimeStatus);
        Assert.Equal(0, second.Counters.Listed);
        Assert.Equal(0, second.Counters.Removed);
        Assert.Equal(tree.Outputs.Values.Order(StringComparer.Ordinal),
            (await tree.Harness.BlobNamesAsync(tree.Harness.OutputContainer)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task DryRun_DeleteRemovedOn_CountsTheFilesThatWouldLoseOutputsAndDeletesNothing()
    {
        await using var tree = await Tree.StartAsync(azurite, deleteRemoved: true);
        tree.Change();
        var before = await tree.Harness.BlobNamesAsync(tree.Harness.OutputContainer);

        var plan = await tree.Harness.RunAsync(new SyncRunRequest("test", DryRun: true), Timeout);

        Assert.Equal(Tree.Files - 3, plan.Counters.Listed);
        Assert.Equal(Tree.Files - 4, plan.Counters.Skipped);
        Assert.Equal(4, plan.Counters.Removed);
        Assert.Equal(before.Order(StringComparer.Ordinal), (await tree.Harness.BlobNamesAsync(tree.Harness.OutputContainer)).Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// A synced folder of <see cref="Files"/> text files (one in a subfolder) next to a folder outside it, synced once;
    /// <see cref="Change"/> trashes one, deletes one, moves one out and changes one.
    /// </summary>
    private sealed class Tree : IAsyncDisposable
    {
        public const int Files = 8;

        private Tree(PipelineHarness harness) => Harness = harness;

        public PipelineHarness Harness { get; }
        public string Outside { get; private set; } = "";
        public List<string> Ids { get; } = [];
        public Dictionary<string, string> Outputs { get; private set; } = [];
        public string Trashed => Ids[0];
        public string Deleted => Ids[1];
        public string MovedOut => Ids[2];
        public string Changed => Ids[3];
        public IEnumerable<string> Kept => Ids.Skip(4).Select(id => Outputs[id]);
        public string ChangedNewOutput { get; private set; } = "";

        public static async Task<Tree> StartAsync(AzuriteFixture azurite, bool deleteRemoved, bool useChanges = true)
        {
            var tree = new Tree(await PipelineHarness.StartAsync(azurite, CancellationToken.None));
            var store = tree.Harness.Drive.Store;
            var source = store.AddFolder(store.RootFolderId, "source");
            var inner = store.AddFolder(source, "inner");
            tree.Outside = store.AddFolder(store.RootFolderId, "elsewhere");
            for (var i = 0; i < Files; i++)
                tree.Ids.Add(store.AddFile(i == 2 ? inner : source, $"case file {i}.txt", Canary.TextDocument(i), "text/plain"));
            tree.Harness.Settings["DriveSync:Drive:FolderId"] = source;
            tree.Harness.Settings["DriveSync:Pipeline:DeleteRemoved"] = deleteRemoved ? "true" : "false";
            tree.Harness.Settings["DriveSync:Pipeline:UseChanges"] = useChanges ? "true" : "false";
            var first = await tree.Harness.RunAsync(timeout: Timeout);
            Assert.Equal(Files, first.Counters.Uploaded);
            tree.Outputs = (await tree.Harness.BlobNamesAsync(tree.Harness.OutputContainer)).ToDictionary(n => n[..n.IndexOf('/', StringComparison.Ordinal)], StringComparer.Ordinal);
            return tree;
        }

        public void Change()
        {
            var store = Harness.Drive.Store;
            store.Trash(Trashed);
            store.Delete(Deleted);
            store.Move(MovedOut, [Outside], [store.Find(MovedOut)!.Parents[0]]);
            store.UpdateContent(Changed, Canary.TextDocument(1_000));
            ChangedNewOutput = $"{Changed}/{store.Find(Changed)!.Md5Checksum}/case file 3.txt";
        }

        public async Task<RunStatus> ChangeAndRunAsync()
        {
            Change();
            return await Harness.RunAsync(timeout: Timeout);
        }

        public ValueTask DisposeAsync() => Harness.DisposeAsync();
    }
}
