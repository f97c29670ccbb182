using System.Net;
using DriveSync.DriveEmulator;
using DriveSync.Testing;

namespace DriveSync.GoogleDrive.Tests;

public sealed class DriveClientTransferTests
{
    [Fact]
    public async Task DownloadAsync_TruncatedAndResetConnections_BytesIdenticalAndResumedWithRange()
    {
        using var cts = TestTimeout.Start(TimeSpan.FromSeconds(60));
        await using var drive = await DriveHarness.StartAsync(cts.Token, o => o.DownloadChunkSize = 4096);
        var contents = new Dictionary<string, byte[]>();
        for (var i = 0; i < 40; i++)
        {
            var bytes = DriveHarness.Content(i, 20_000 + (i * 997));
            contents[drive.Store.AddFile(drive.Store.RootFolderId, $"doc{i}.bin", bytes)] = bytes;
        }

        var files = await drive.ListAllAsync(cts.Token);
        drive.Emulator.Faults.Scope = EmulatorFaultScope.MediaOnly;
        drive.Emulator.Faults.Kinds = [EmulatorFaultKind.TruncatedBody, EmulatorFaultKind.ConnectionReset];
        drive.Emulator.Faults.FaultRate = 0.3;

        foreach (var file in files)
        {
            using var destination = new MemoryStream();
            var result = await drive.Client.DownloadAsync(file, destination, cts.Token);
            Assert.Equal(contents[file.Id], destination.ToArray());
            Assert.Equal(DriveHarness.Md5(contents[file.Id]), result.Md5Checksum);
        }

        Assert.True(drive.Emulator.Counters.FaultsInjected > 0);
        Assert.True(drive.Emulator.Counters.RangeRequests > 0, "a truncated download must resume with a Range request");
        Assert.Equal(drive.Emulator.Counters.FaultsInjected, drive.Client.Counters.Retries);
    }

    [Fact]
    public async Task DownloadAsync_NonSeekableDestination_ResumesIntoTheSameStream()
    {
        using var cts = TestTimeout.Start();
        await using var drive = await DriveHarness.StartAsync(cts.Token, o => o.DownloadChunkSize = 4096);
        var bytes = DriveHarness.Content(7, 100_000);
        drive.Store.AddFile(drive.Store.RootFolderId, "big.bin", bytes);
        var file = Assert.Single(await drive.ListAllAsync(cts.Token));
        drive.Emulator.Faults.Enqueue(EmulatorFaultKind.TruncatedBody, 2);

        using var inner = new MemoryStream();
        await using var destination = new ForwardOnlyStream(inner);
        var result = await drive.Client.DownloadAsync(file, destination, cts.Token);

        Assert.Equal(bytes, inner.ToArray());
        Assert.Equal(3, result.Attempts);
        Assert.Equal(2, drive.Emulator.Counters.RangeRequests);
    }

    [Fact]
    public async Task DownloadAsync_WrongMd5_RetriedThenSkipFile()
    {
        using var cts = TestTimeout.Start();
        await using var drive = await DriveHarness.StartAsync(cts.Token, o => o.MaxRetries = 2);
        drive.Store.AddFile(drive.Store.RootFolderId, "a.bin", [1, 2, 3]);
        var file = Assert.Single(await drive.ListAllAsync(cts.Token)) with { Md5Checksum = new string('0', 32) };

        using var destination = new MemoryStream();
        var error = await Assert.ThrowsAsync<DriveRetriesExhaustedException>(() => drive.Client.DownloadAsync(file, destination, cts.Token));

        Assert.IsType<DriveChecksumMismatchException>(error.InnerException);
        Assert.Equal(DriveFailureAction.SkipFile, DriveFailureClassifier.Classify(error));
        Assert.Equal(3, drive.Emulator.Counters.MediaRequests);
        Assert.Equal(0, destination.Length);
    }

    [Fact]
    public async Task DownloadAsync_MissingFile_NotRetried()
    {
        using var cts = TestTimeout.Start();
        await using var drive = await DriveHarness.StartAsync(cts.Token);
        var ghost = new DriveFile("nope", "n", "application/pdf", 3, null, null, 1, null);

        var error = await Assert.ThrowsAsync<DriveApiException>(() => drive.Client.DownloadAsync(ghost, Stream.Null, cts.Token));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Equal(DriveFailureAction.SkipFile, DriveFailureClassifier.Classify(error));
        Assert.Equal(1, drive.Emulator.Counters.MediaRequests);
        Assert.Equal(0, drive.Client.Counters.Retries);
    }

    [Fact]
    public async Task ExportAsync_UnsupportedFormat_400NotRetried()
    {
        using var cts = TestTimeout.Start();
        await using var drive = await DriveHarness.StartAsync(cts.Token);
        drive.Store.AddGoogleDoc(drive.Store.RootFolderId, "Notes", [1, 2]);
        var doc = Assert.Single(await drive.ListAllAsync(cts.Token)) with { ExportMimeType = "application/pdf" };

        var error = await Assert.ThrowsAsync<DriveApiException>(() => drive.Client.ExportAsync(doc, Stream.Null, cts.Token));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal(1, drive.Emulator.Counters.ExportRequests);
        Assert.Equal(0, drive.Client.Counters.Retries);
    }

    [Fact]
    public async Task ExportAsync_GoogleDoc_WritesExportBytes()
    {
        using var cts = TestTimeout.Start();
        await using var drive = await DriveHarness.StartAsync(cts.Token);
        var docx = DriveHarness.Content(3, 5000);
        drive.Store.AddGoogleDoc(drive.Store.RootFolderId, "Notes", docx);
        var doc = Assert.Single(await drive.ListAllAsync(cts.Token));
        drive.Emulator.Faults.Enqueue(EmulatorFaultKind.TruncatedBody);

        using var destination = new MemoryStream();
        var result = await drive.Client.FetchAsync(doc, destination, cts.Token);

        Assert.True(doc.IsGoogleNative);
        Assert.Null(doc.Size);
        Assert.Equal(docx, destination.ToArray());
        Assert.Equal(2, result.Attempts);
    }

    [Fact]
    public async Task ExportAsync_OverExportLimit_DistinctPerFileError()
    {
        using var cts = TestTimeout.Start();
        await using var drive = await DriveHarness.StartAsync(
            cts.Token,
            emulatorOptions: new DriveEmulatorOptions { BearerToken = DriveHarness.Token, ExportSizeLimitBytes = 1000 });
        drive.Store.AddGoogleDoc(drive.Store.RootFolderId, "Huge", new byte[1001]);
        var doc = Assert.Single(await drive.ListAllAsync(cts.Token));

        var error = await Assert.ThrowsAsync<DriveExportTooLargeException>(() => drive.Client.ExportAsync(doc, Stream.Null, cts.Token));

        Assert.Equal(doc.Id, error.FileId);
        Assert.Equal(DriveFailureAction.SkipFile, DriveFailureClassifier.Classify(error));
        Assert.Equal(1, drive.Emulator.Counters.ExportRequests);
    }

    [Fact]
    public async Task MoveAsync_AddAndRemoveParents_FileMovedAndChangeListed()
    {
        using var cts = TestTimeout.Start();
        await using var drive = await DriveHarness.StartAsync(cts.Token);
        var store = drive.Store;
        var done = store.AddFolder(store.RootFolderId, "done");
        var file = store.AddFile(store.RootFolderId, "a.pdf", [1]);
        var startToken = await drive.Client.GetStartPageTokenAsync(cts.Token);

        await drive.Client.MoveAsync(file, done, store.RootFolderId, cts.Token);
        store.UpdateContent(file, [1, 2]);
        var changes = await drive.Client.ListChangesAsync(startToken, cts.Token);

        Assert.Equal([done], store.Find(file)!.Parents);
        Assert.Equal(2, changes.Changes.Count);
        Assert.All(changes.Changes, c => Assert.Equal(file, c.FileId));
        var latest = changes.Changes[^1].File!;
        Assert.Equal(DriveHarness.Md5([1, 2]), latest.Md5Checksum);
        Assert.Equal(3, latest.Version);
        Assert.Equal(store.Find(file)!.ModifiedTime.ToUnixTimeMilliseconds(), latest.ModifiedTime!.Value.ToUnixTimeMilliseconds());
        Assert.Equal(TimeSpan.Zero, latest.ModifiedTime.Value.Offset);
        Assert.Null(changes.NextPageToken);
        Assert.NotNull(changes.NewStartPageToken);
        var none = await drive.Client.ListChangesAsync(changes.NewStartPageToken!, cts.Token);
        Assert.Empty(none.Changes);
    }

    [Fact]
    public async Task ListChangesAsync_TrashedAndDeletedFiles_ReportedRemoved()
    {
        using var cts = TestTimeout.Start();
        await using var drive = await DriveHarness.StartAsync(cts.Token, o => o.PageSize = 2);
        var store = drive.Store;
        var folder = store.AddFolder(store.RootFolderId, "f");
        var inFolder = store.AddFile(folder, "a", [1]);
        var trashed = store.AddFile(store.RootFolderId, "b", [2]);
        var token = await drive.Client.GetStartPageTokenAsync(cts.Token);

        store.Trash(trashed);
        store.Delete(folder);
        var changes = new List<DriveChange>();
        string? next = token;
        DriveChangesPage page;
        do
        {
            page = await drive.Client.ListChangesAsync(next!, cts.Token);
            changes.AddRange(page.Changes);
            next = page.NextPageToken;
        }
        while (next is not null);

        Assert.Equal([trashed, inFolder, folder], changes.Select(c => c.FileId));
        Assert.All(changes, c => Assert.True(c.Removed));
        Assert.All(changes, c => Assert.Null(c.File));
        Assert.NotNull(page.NewStartPageToken);
        Assert.Null(store.Find(inFolder));
    }

    /// <summary>A write-only stream that cannot seek, like a pipe into a sanitizer.</summary>
    private sealed class ForwardOnlyStream(Stream inner) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => inner.WriteAsync(buffer, cancellationToken);
    }
}
