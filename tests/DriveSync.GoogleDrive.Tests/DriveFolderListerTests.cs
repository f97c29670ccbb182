using DriveSync.DriveEmulator;
using DriveSync.Testing;

namespace DriveSync.GoogleDrive.Tests;

public sealed class DriveFolderListerTests
{
    /// <summary>25,000 files: 1,000 in the root, 750 in each of 8 folders and their 3 subfolders each.</summary>
    private static Dictionary<string, string> BuildLargeTree(EmulatorStore store)
    {
        var expected = new Dictionary<string, string>(StringComparer.Ordinal); // id → parent folder id
        void AddFiles(string parent, int count)
        {
            for (var i = 0; i < count; i++)
                expected[store.AddFile(parent, $"f{i}.txt", [(byte)i, (byte)(i >> 8)], "text/plain")] = parent;
        }

        AddFiles(store.RootFolderId, 1000);
        for (var top = 0; top < 8; top++)
        {
            var topId = store.AddFolder(store.RootFolderId, $"T{top}");
            AddFiles(topId, 750);
            for (var sub = 0; sub < 3; sub++)
                AddFiles(store.AddFolder(topId, $"S{sub}"), 750);
        }

        return expected;
    }

    /// <summary>
    /// A tree of every kind of item: nested folders, a shortcut to a file inside the tree (listed before and after the
    /// file's own folder), two shortcuts to one file outside the tree, a file with two parents in the tree, a shortcut to a
    /// trashed file. Returns the ids the listing must give, each once.
    /// </summary>
    private static (string Root, HashSet<string> Expected) BuildMixedTree(EmulatorStore store, int folders = 12, int filesPerFolder = 4)
    {
        var expected = new HashSet<string>(StringComparer.Ordinal);
        var root = store.AddFolder(store.RootFolderId, "source");
        var outside = store.AddFolder(store.RootFolderId, "outside");
        var external = store.AddFile(outside, "external.pdf", [7], "application/pdf");
        var gone = store.AddFile(outside, "gone.pdf", [8], "application/pdf");
        store.Trash(gone);
        expected.Add(external);

        var all = new List<string> { root };
        for (var f = 0; f < folders; f++)
        {
            var folder = store.AddFolder(all[f / 3], $"F{f}");
            all.Add(folder);
            for (var i = 0; i < filesPerFolder; i++)
                expected.Add(store.AddFile(folder, $"f{f}-{i}.txt", [(byte)f, (byte)i], "text/plain"));
        }

        var early = store.AddFile(all[1], "early.txt", [1], "text/plain");
        var late = store.AddFile(all[^1], "late.txt", [2], "text/plain");
        var twoParents = store.AddFile(all[2], "two parents.txt", [3], "text/plain");
        store.Move(twoParents, [all[^2]], []);
        expected.UnionWith([early, late, twoParents]);
        store.AddShortcut(all[^1], "link to early", early);
        store.AddShortcut(all[1], "link to late", late);
        store.AddShortcut(all[3], "link to external", external);
        store.AddShortcut(all[^3], "another link to external", external);
        store.AddShortcut(all[4], "link to trashed", gone);
        return (root, expected);
    }

    private static async Task<List<DriveFile>> ListAllAsync(DriveFolderLister lister, ListingCursor cursor, CancellationToken cancellationToken) =>
        (await PagesAsync(lister, cursor, cancellationToken)).SelectMany(p => p.Files).ToList();

    private static async Task<List<ListingPage>> PagesAsync(DriveFolderLister lister, ListingCursor cursor, CancellationToken cancellationToken)
    {
        var pages = new List<ListingPage>();
        while (!cursor.IsComplete)
        {
            var page = await lister.NextPageAsync(cursor, cancellationToken);
            pages.Add(page);
            cursor = page.Next;
        }

        return pages;
    }

    [Fact]
    public async Task NextPageAsync_25000FilesInNestedFolders_EachListedExactlyOnceWithFields()
    {
        using var cts = TestTimeout.Start(TimeSpan.FromSeconds(90));
        await using var drive = await DriveHarness.StartAsync(cts.Token);
        var expected = BuildLargeTree(drive.Store);

        var files = await drive.ListAllAsync(cts.Token);

        Assert.Equal(25_000, files.Count);
        Assert.Equal(25_000, files.Select(f => f.Id).Distinct().Count());
        Assert.All(files, f => Assert.Equal(expected[f.Id], f.ParentId));
        Assert.All(files, f => Assert.NotNull(f.Md5Checksum));
        Assert.All(files, f => Assert.Equal(2, f.Size));
        var pages = drive.Emulator.Counters.ListRequests;
        Assert.True(pages >= 25, $"expected 25+ pages, got {pages}");
        Assert.Equal(pages, drive.Emulator.Counters.ListRequestsWithFields);
        Assert.Equal(pages, drive.Client.Counters.Requests);
    }

    [Fact]
    public async Task NextPageAsync_ResumedFromSavedCursor_GivesTheSameSet()
    {
        using var cts = TestTimeout.Start();
        await using var drive = await DriveHarness.StartAsync(cts.Token, o => o.PageSize = 7);
        var expected = new HashSet<string>(StringComparer.Ordinal);
        var root = drive.Store.RootFolderId;
        for (var f = 0; f < 4; f++)
        {
            var folder = drive.Store.AddFolder(root, $"F{f}");
            var sub = drive.Store.AddFolder(folder, "sub");
            for (var i = 0; i < 10; i++)
            {
                expected.Add(drive.Store.AddFile(folder, $"a{i}", [1]));
                expected.Add(drive.Store.AddFile(sub, $"b{i}", [2]));
            }
        }

        var lister = drive.Lister();
        var seen = new List<string>();
        var cursor = lister.Start();
        for (var i = 0; i < 5; i++)
        {
            var page = await lister.NextPageAsync(cursor, cts.Token);
            seen.AddRange(page.Files.Select(f => f.Id));
            cursor = page.Next;
        }

        var saved = cursor.ToJson();
        using var otherPacer = new DrivePacer(drive.Options);
        using var otherClient = new DriveClient(drive.Options, otherPacer);
        var resumed = new DriveFolderLister(otherClient, drive.Options);
        cursor = ListingCursor.FromJson(saved);
        while (!cursor.IsComplete)
        {
            var page = await resumed.NextPageAsync(cursor, cts.Token);
            seen.AddRange(page.Files.Select(f => f.Id));
            cursor = page.Next;
        }

        Assert.Equal(expected.Count, seen.Count);
        Assert.Equal(expected, seen.ToHashSet(StringComparer.Ordinal));
    }

    [Fact]
    public async Task NextPageAsync_TrashedShortcutsAndNativeFiles_HandledBySettings()
    {
        using var cts = TestTimeout.Start();
        await using var drive = await DriveHarness.StartAsync(cts.Token);
        var store = drive.Store;
        var elsewhere = store.AddFolder(store.RootFolderId, "elsewhere");
        var source = store.AddFolder(store.RootFolderId, "source");
        var target = store.AddFile(elsewhere, "target.pdf", [1, 2, 3], "application/pdf");
        var kept = store.AddFile(source, "kept.pdf", [4], "application/pdf");
        var trashed = store.AddFile(source, "trashed.pdf", [5], "application/pdf");
        store.Trash(trashed);
        var shortcut = store.AddShortcut(source, "link", target);
        store.AddShortcut(source, "folder link", elsewhere);
        var doc = store.AddGoogleDoc(source, "Notes", [9, 9]);
        store.AddGoogleNativeFile(source, "Form", "application/vnd.google-apps.form", new Dictionary<string, byte[]>());
        drive.Options.FolderId = source;

        var files = await drive.ListAllAsync(cts.Token);

        Assert.Equal(new[] { kept, target, doc }.Order(StringComparer.Ordinal), files.Select(f => f.Id).Order(StringComparer.Ordinal));
        var resolved = files.Single(f => f.Id == target);
        Assert.Equal(shortcut, resolved.ShortcutId);
        Assert.Equal(source, resolved.ParentId);
        Assert.Equal(GoogleMimeTypes.Docx, files.Single(f => f.Id == doc).ExportMimeType);

        drive.Options.ShortcutHandling = ShortcutHandling.Skip;
        drive.Options.ExportFormat = GoogleExportFormat.Text;
        var lister = drive.Lister();
        var page = await lister.NextPageAsync(lister.Start(), cts.Token);
        Assert.Equal(new[] { kept, doc }.Order(StringComparer.Ordinal), page.Files.Select(f => f.Id).Order(StringComparer.Ordinal));
        Assert.Equal("text/plain", page.Files.Single(f => f.Id == doc).ExportMimeType);
        Assert.Equal(3, page.Skipped);
    }

    [Theory]
    [InlineData("")]
    [InlineData("drive/v3/")]
    [InlineData("drive/v3")]
    public async Task NextPageAsync_BaseUriWithOrWithoutServicePath_Lists(string suffix)
    {
        using var cts = TestTimeout.Start();
        await using var drive = await DriveHarness.StartAsync(cts.Token);
        drive.Store.AddFile(drive.Store.RootFolderId, "a", [1]);
        var options = DriveHarness.FastOptions(drive.Emulator);
        options.BaseUri = new Uri(drive.Emulator.BaseUri + suffix);
        using var client = new DriveClient(options, drive.Pacer);

        var page = await new DriveFolderLister(client, options).NextPageAsync(ListingCursor.Start("root"), cts.Token);

        Assert.Single(page.Files);
    }

    [Fact]
    public async Task NextPageAsync_SharedDrive_SendsDriveCorpora()
    {
        using var cts = TestTimeout.Start();
        await using var drive = await DriveHarness.StartAsync(cts.Token, o => o.SharedDriveId = "0AshareD");
        drive.Store.AddFile(drive.Store.RootFolderId, "a", [1]);

        var files = await drive.ListAllAsync(cts.Token);

        Assert.Single(files);
        Assert.Equal(1, drive.Emulator.Counters.ListRequests);
    }

    [Fact]
    public async Task NextPageAsync_1000Folders_AtMost25ListCallsEachFileOnceUnderItsFolder()
    {
        using var cts = TestTimeout.Start(TimeSpan.FromSeconds(60));
        await using var drive = await DriveHarness.StartAsync(cts.Token, o => (o.ListGroupSize, o.PageSize) = (50, 1000));
        var store = drive.Store;
        var expected = new Dictionary<string, string>(StringComparer.Ordinal); // file id → folder id
        for (var top = 0; top < 10; top++)
        {
            var topId = store.AddFolder(store.RootFolderId, $"T{top}");
            expected[store.AddFile(topId, "top.txt", [1], "text/plain")] = topId;
            for (var leaf = 0; leaf < 99; leaf++)
            {
                var leafId = store.AddFolder(topId, $"L{leaf}");
                for (var i = 0; i < 2; i++)
                    expected[store.AddFile(leafId, $"f{i}.txt", [2], "text/plain")] = leafId;
            }
        }

        var files = await drive.ListAllAsync(cts.Token);

        Assert.Equal(expected.Count, files.Count);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), files.Select(f => f.Id).Order(StringComparer.Ordinal));
        Assert.All(files, f => Assert.Equal(expected[f.Id], f.ParentId));
        var calls = drive.Emulator.Counters.ListRequests;
        Assert.True(calls <= 25, $"1,000 folders took {calls} files.list calls");
        Assert.Equal(calls, drive.Client.Counters.Requests);
        Assert.Contains(drive.Emulator.Counters.ListQueries(), q => q.Split(" or ").Length == 50);
    }

    [Fact]
    public async Task NextPageAsync_GroupQueryOverDrivesLimit_SplitInHalfAndRetriedNotFailed()
    {
        using var cts = TestTimeout.Start();
        await using var drive = await DriveHarness.StartAsync(
            cts.Token, o => (o.ListGroupSize, o.MaxQueryLength) = (40, 3000), new DriveEmulatorOptions { BearerToken = DriveHarness.Token, MaxQueryLength = 700 });
        var expected = new HashSet<string>(StringComparer.Ordinal);
        for (var f = 0; f < 40; f++)
            expected.Add(drive.Store.AddFile(drive.Store.AddFolder(drive.Store.RootFolderId, $"F{f}"), "a.txt", [1], "text/plain"));

        var lister = drive.Lister();
        var first = await lister.NextPageAsync(lister.Start(), cts.Token);
        var second = await lister.NextPageAsync(first.Next, cts.Token);
        var rest = await ListAllAsync(lister, second.Next, cts.Token);

        var listed = second.Files.Concat(rest).Select(f => f.Id).ToList();
        Assert.Equal(expected.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
        var folderCounts = drive.Emulator.Counters.ListQueries().Select(q => q.Split(" or ").Length).ToList();
        Assert.Equal([1, 40, 20, 10], folderCounts.Take(4));
        Assert.Equal(2, drive.Emulator.Counters.QueryRefusals);
        Assert.Equal(10, second.Next.GroupCap);
        Assert.All(folderCounts.Skip(4), n => Assert.True(n <= 10));
        Assert.Equal(40, folderCounts.Where((n, i) => i > 1 && n <= 10).Sum());
    }

    [Fact]
    public async Task NextPageAsync_SingleFolderQueryRefused_FailsWithTheDriveError()
    {
        using var cts = TestTimeout.Start();
        await using var drive = await DriveHarness.StartAsync(
            cts.Token, emulatorOptions: new DriveEmulatorOptions { BearerToken = DriveHarness.Token, MaxQueryLength = 10 });
        var lister = drive.Lister();

        var error = await Assert.ThrowsAsync<DriveApiException>(() => lister.NextPageAsync(lister.Start(), cts.Token));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal(1, drive.Emulator.Counters.ListRequests);
    }

    [Fact]
    public async Task NextPageAsync_ShortcutToFileInSameTree_FileListedOnceUnderItsOwnFolder()
    {
        using var cts = TestTimeout.Start();
        await using var drive = await DriveHarness.StartAsync(cts.Token);
        var store = drive.Store;
        var source = store.AddFolder(store.RootFolderId, "source");
        var a = store.AddFolder(source, "a");
        var b = store.AddFolder(a, "b");
        var deep = store.AddFile(b, "deep.pdf", [1], "application/pdf");
        var top = store.AddFile(source, "top.pdf", [2], "application/pdf");
        store.AddShortcut(source, "link to deep", deep);
        store.AddShortcut(b, "link to top", top);
        drive.Options.FolderId = source;

        var files = await drive.ListAllAsync(cts.Token);

        Assert.Equal(new[] { deep, top }.Order(StringComparer.Ordinal), files.Select(f => f.Id).Order(StringComparer.Ordinal));
        Assert.All(files, f => Assert.Null(f.ShortcutId));
        Assert.Equal(b, files.Single(f => f.Id == deep).ParentId);
    }

    [Fact]
    public async Task NextPageAsync_TwoShortcutsToOneOutsideFileAndAFileWithTwoParents_EachListedOnce()
    {
        using var cts = TestTimeout.Start();
        await using var drive = await DriveHarness.StartAsync(cts.Token, o => o.ListGroupSize = 1);
        var (root, expected) = BuildMixedTree(drive.Store);
        drive.Options.FolderId = root;

        var files = await drive.ListAllAsync(cts.Token);

        Assert.Equal(expected.Order(StringComparer.Ordinal), files.Select(f => f.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task NextPageAsync_ResumedFromEveryPageInANewLister_NothingTwiceNothingMissed()
    {
        using var cts = TestTimeout.Start(TimeSpan.FromSeconds(60));
        await using var drive = await DriveHarness.StartAsync(cts.Token, o => (o.ListGroupSize, o.PageSize) = (3, 5));
        var (root, expected) = BuildMixedTree(drive.Store);
        drive.Options.FolderId = root;
        var pages = (await PagesAsync(drive.Lister(), drive.Lister().Start(), cts.Token)).Count;
        for (var stopAfter = 1; stopAfter < pages; stopAfter++)
        {
            var lister = drive.Lister();
            var seen = new List<string>();
            var cursor = lister.Start();
            for (var i = 0; i < stopAfter && !cursor.IsComplete; i++)
            {
                var page = await lister.NextPageAsync(cursor, cts.Token);
                seen.AddRange(page.Files.Select(f => f.Id));
                cursor = page.Next;
            }

            var saved = cursor.ToJson();
            using var otherPacer = new DrivePacer(drive.Options);
            using var otherClient = new DriveClient(drive.Options, otherPacer);
            var resumed = ListingCursor.FromJson(saved);
            var rest = await ListAllAsync(new DriveFolderLister(otherClient, drive.Options), resumed, cts.Token);
            seen.AddRange(rest.Select(f => f.Id));

            Assert.Equal(expected.Count, seen.Count);
            Assert.Equal(expected, seen.ToHashSet(StringComparer.Ordinal));
        }

        Assert.True(pages > 10, $"the tree must span many pages; it took {pages}");
    }

    [Fact]
    public async Task NextPageAsync_FoldersNamedAfterPeople_CursorHoldsIdsAndTokensOnly()
    {
        using var cts = TestTimeout.Start();
        await using var drive = await DriveHarness.StartAsync(cts.Token, o => (o.ListGroupSize, o.PageSize) = (2, 3));
        var store = drive.Store;
        string[] names = ["Case 123-45-6789 Jane Roe", "jane.roe@example.com", "Estate of John Q Public", "555-867-5309"];
        var parent = store.RootFolderId;
        foreach (var name in names)
        {
            var folder = store.AddFolder(parent, name);
            store.AddFolder(parent, name + " (copy)");
            for (var i = 0; i < 4; i++)
                store.AddFile(folder, $"{name} note {i}.txt", [1], "text/plain");
            parent = folder;
        }

        var lister = drive.Lister();
        var cursor = lister.Start();
        var states = new List<string>();
        var found = new List<string>();
        while (!cursor.IsComplete)
        {
            var page = await lister.NextPageAsync(cursor, cts.Token);
            found.AddRange(page.FoldersFound);
            cursor = page.Next;
            states.Add(cursor.ToJson());
        }

        Assert.Equal(8, found.Count);
        Assert.Contains(states, s => s.Contains(found[^1], StringComparison.Ordinal));
        Assert.All(states, s => Assert.DoesNotContain(names, n => s.Contains(n.Split(' ')[0], StringComparison.Ordinal) || s.Contains("6789", StringComparison.Ordinal) || s.Contains("Roe", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task NextPageAsync_SharedDriveTreeInGroups_SendsAllDrivesParametersAndResolvesShortcuts()
    {
        using var cts = TestTimeout.Start();
        await using var drive = await DriveHarness.StartAsync(cts.Token, o => (o.SharedDriveId, o.ListGroupSize) = ("0AshareD", 4));
        var (root, expected) = BuildMixedTree(drive.Store);
        drive.Options.FolderId = root;

        var files = await drive.ListAllAsync(cts.Token);

        Assert.Equal(expected.Order(StringComparer.Ordinal), files.Select(f => f.Id).Order(StringComparer.Ordinal));
        Assert.Contains(drive.Emulator.Counters.ListQueries(), q => q.Split(" or ").Length == 4);
    }

    [Theory]
    [InlineData(true, 6)]
    [InlineData(false, 2)]
    public async Task NextPageAsync_GroupOfEmptyFolders_RelistedOneByOneWhenSet(bool relist, int expectedCalls)
    {
        using var cts = TestTimeout.Start();
        await using var drive = await DriveHarness.StartAsync(cts.Token, o => o.RelistEmptyGroups = relist);
        for (var f = 0; f < 4; f++)
            drive.Store.AddFolder(drive.Store.RootFolderId, $"empty {f}");
        var lister = drive.Lister();

        var files = await ListAllAsync(lister, lister.Start(), cts.Token);

        Assert.Empty(files);
        Assert.Equal(expectedCalls, drive.Emulator.Counters.ListRequests);
    }
}
