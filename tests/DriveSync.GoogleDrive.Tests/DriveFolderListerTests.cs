using DriveSync.DriveEmulator;
using DriveSync.Testing;

namespace DriveSync.GoogleDrive.Tests;

public sealed class DriveFolderListerTests
{
    /// <summary>25,000 files: 1,000 in the root, 750 in each of 8 folders and their 3 subfolders each.</summary>
    private static Dictionary<string, string> BuildLargeTree(EmulatorStore store)
    {
        var expected = new Dictionary<string, string>(StringComparer.Ordinal); // id → folder path
        void AddFiles(string parent, string path, int count)
        {
            for (var i = 0; i < count; i++)
                expected[store.AddFile(parent, $"f{i}.txt", [(byte)i, (byte)(i >> 8)], "text/plain")] = path;
        }

        AddFiles(store.RootFolderId, string.Empty, 1000);
        for (var top = 0; top < 8; top++)
        {
            var topId = store.AddFolder(store.RootFolderId, $"T{top}");
            AddFiles(topId, $"T{top}", 750);
            for (var sub = 0; sub < 3; sub++)
                AddFiles(store.AddFolder(topId, $"S{sub}"), $"T{top}/S{sub}", 750);
        }

        return expected;
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
        Assert.All(files, f => Assert.Equal(expected[f.Id], f.FolderPath));
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
}
