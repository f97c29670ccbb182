using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using DriveSync.DriveEmulator;
using DriveSync.Testing;

namespace DriveSync.GoogleDrive.Tests;

public sealed class DriveEmulatorServerTests
{
    private static HttpClient Http(DriveEmulatorServer emulator)
    {
        var http = new HttpClient { BaseAddress = new Uri(emulator.BaseUri, "drive/v3/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DriveHarness.Token);
        return http;
    }

    [Fact]
    public async Task LoadDirectory_FoldersAndGoogleNativeNames_ServedAsDrive()
    {
        using var cts = TestTimeout.Start();
        var root = Directory.CreateTempSubdirectory("drive-emulator-");
        try
        {
            Directory.CreateDirectory(Path.Combine(root.FullName, "Cases"));
            await File.WriteAllBytesAsync(Path.Combine(root.FullName, "scan.pdf"), [1, 2, 3], cts.Token);
            await File.WriteAllBytesAsync(Path.Combine(root.FullName, "Cases", "Notes.gdoc.docx"), [4, 5], cts.Token);
            await File.WriteAllBytesAsync(Path.Combine(root.FullName, "Cases", "Notes.gdoc.txt"), [6], cts.Token);
            await File.WriteAllBytesAsync(Path.Combine(root.FullName, "Budget.gsheet.xlsx"), [7], cts.Token);
            await using var drive = await DriveHarness.StartAsync(
                cts.Token, emulatorOptions: new DriveEmulatorOptions { BearerToken = DriveHarness.Token, RootDirectory = root.FullName });

            var files = await drive.ListAllAsync(cts.Token);

            Assert.Equal(["Budget", "Notes", "scan.pdf"], files.Select(f => f.Name).Order(StringComparer.Ordinal));
            var notes = files.Single(f => f.Name == "Notes");
            Assert.Equal(("Cases", GoogleMimeTypes.Document), (drive.Store.Find(notes.ParentId!)?.Name, notes.MimeType));
            Assert.Equal("application/pdf", files.Single(f => f.Name == "scan.pdf").MimeType);
            Assert.Equal(GoogleMimeTypes.Spreadsheet, files.Single(f => f.Name == "Budget").MimeType);
            using var docx = new MemoryStream();
            await drive.Client.ExportAsync(notes, docx, cts.Token);
            Assert.Equal([4, 5], docx.ToArray());
            using var text = new MemoryStream();
            await drive.Client.ExportAsync(notes with { ExportMimeType = "text/plain" }, text, cts.Token);
            Assert.Equal([6], text.ToArray());
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task LoadDirectory_OcrSidecar_NotListedAndBecomesConvertedText()
    {
        using var cts = TestTimeout.Start();
        var root = Directory.CreateTempSubdirectory("drive-emulator-");
        try
        {
            await File.WriteAllBytesAsync(Path.Combine(root.FullName, "scan.pdf"), [1, 2, 3], cts.Token);
            await File.WriteAllTextAsync(Path.Combine(root.FullName, "scan.pdf.ocr.txt"), "line one\nline two\n", cts.Token);
            await File.WriteAllBytesAsync(Path.Combine(root.FullName, "photo.png"), [4], cts.Token);
            await using var drive = await DriveHarness.StartAsync(
                cts.Token, o => o.Ocr.Enabled = true, new DriveEmulatorOptions { BearerToken = DriveHarness.Token, RootDirectory = root.FullName });

            var files = await drive.ListAllAsync(cts.Token);
            using var text = new MemoryStream();
            var copy = await drive.Client.CopyAsync(files.Single(f => f.Name == "scan.pdf").Id, "c", null, GoogleMimeTypes.Document, cts.Token);
            await drive.Client.ExportAsync(copy with { ExportMimeType = "text/plain" }, text, cts.Token);

            Assert.Equal(["photo.png", "scan.pdf"], files.Select(f => f.Name).Order(StringComparer.Ordinal));
            Assert.Equal("line one\nline two\n", System.Text.Encoding.UTF8.GetString(text.ToArray()));
            Assert.Equal(drive.Store.RootFolderId, copy.ParentId);
            Assert.Equal(1, drive.Emulator.Counters.CopyRequests);
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task FilesList_MimeTypeFilterAndPaging_ReturnsMatchingItems()
    {
        using var cts = TestTimeout.Start();
        await using var emulator = await DriveEmulatorServer.StartAsync(new DriveEmulatorOptions { BearerToken = DriveHarness.Token }, cts.Token);
        for (var i = 0; i < 5; i++)
        {
            emulator.Store.AddFolder(emulator.Store.RootFolderId, $"d{i}");
            emulator.Store.AddFile(emulator.Store.RootFolderId, $"f{i}", [1]);
        }

        using var http = Http(emulator);
        const string q = "q='root'+in+parents+and+mimeType+%3D+'application%2Fvnd.google-apps.folder'+and+trashed+%3D+false";
        using var first = JsonDocument.Parse(await http.GetStringAsync($"files?{q}&pageSize=3&fields=nextPageToken,files(id,name)", cts.Token));
        var token = first.RootElement.GetProperty("nextPageToken").GetString();
        using var second = JsonDocument.Parse(await http.GetStringAsync($"files?{q}&pageSize=3&pageToken={token}", cts.Token));

        var names = first.RootElement.GetProperty("files").EnumerateArray().Concat(second.RootElement.GetProperty("files").EnumerateArray())
            .Select(f => f.GetProperty("name").GetString()).ToList();
        Assert.Equal(["d0", "d1", "d2", "d3", "d4"], names);
        Assert.False(first.RootElement.GetProperty("files")[0].TryGetProperty("mimeType", out _), "fields projection must leave mimeType out");
        Assert.False(second.RootElement.TryGetProperty("nextPageToken", out _));
        Assert.Equal(1, emulator.Counters.ListRequestsWithFields);
        Assert.Equal(2, emulator.Counters.ListRequests);
    }

    [Fact]
    public async Task FilesList_OrJoinedParents_ChildrenOfEveryFolderOnceWithTheirParents()
    {
        using var cts = TestTimeout.Start();
        await using var emulator = await DriveEmulatorServer.StartAsync(new DriveEmulatorOptions { BearerToken = DriveHarness.Token }, cts.Token);
        var store = emulator.Store;
        var a = store.AddFolder(store.RootFolderId, "a");
        var b = store.AddFolder(store.RootFolderId, "b");
        var other = store.AddFolder(store.RootFolderId, "other");
        var inA = store.AddFile(a, "x", [1]);
        var inB = store.AddFile(b, "y", [2]);
        var inBoth = store.AddFile(a, "z", [3]);
        store.Move(inBoth, [b], []);
        store.AddFile(other, "not asked", [4]);
        var trashed = store.AddFile(b, "trashed", [5]);
        store.Trash(trashed);
        using var http = Http(emulator);

        async Task<List<(string Id, string[] Parents)>> ListAsync(string q)
        {
            using var page = JsonDocument.Parse(await http.GetStringAsync($"files?q={Uri.EscapeDataString(q)}&fields=files(id,parents)", cts.Token));
            return page.RootElement.GetProperty("files").EnumerateArray()
                .Select(f => (f.GetProperty("id").GetString()!, f.GetProperty("parents").EnumerateArray().Select(p => p.GetString()!).ToArray())).ToList();
        }

        var grouped = await ListAsync($"('{a}' in parents or '{b}' in parents) and trashed = false");
        var chain = await ListAsync($"'{a}' in parents or '{b}' in parents");

        Assert.Equal(new[] { inA, inB, inBoth }.Order(StringComparer.Ordinal), grouped.Select(f => f.Id).Order(StringComparer.Ordinal));
        Assert.Equal([a, b], grouped.Single(f => f.Id == inBoth).Parents);
        Assert.Equal(new[] { inA, inB, inBoth, trashed }.Order(StringComparer.Ordinal), chain.Select(f => f.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task FilesList_QueryLongerThanLimit_400TooComplex()
    {
        using var cts = TestTimeout.Start();
        await using var emulator = await DriveEmulatorServer.StartAsync(new DriveEmulatorOptions { BearerToken = DriveHarness.Token, MaxQueryLength = 60 }, cts.Token);
        using var http = Http(emulator);
        var q = "('1E0000000a' in parents or '1E0000000b' in parents) and trashed = false";

        using var refused = await http.GetAsync($"files?q={Uri.EscapeDataString(q)}", cts.Token);
        using var accepted = await http.GetAsync($"files?q={Uri.EscapeDataString("'root' in parents and trashed = false")}", cts.Token);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        using var body = JsonDocument.Parse(await refused.Content.ReadAsStringAsync(cts.Token));
        Assert.Equal("The query is too complex.", body.RootElement.GetProperty("error").GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(1, emulator.Counters.QueryRefusals);
        Assert.Equal([q, "'root' in parents and trashed = false"], emulator.Counters.ListQueries());
    }

    [Theory]
    [InlineData("files?q=name+has+'x'", HttpStatusCode.BadRequest)]
    [InlineData("files?q='a'+in+parents+or+name+%3D+'x'", HttpStatusCode.BadRequest)]
    [InlineData("files?q=('a'+in+parents+or+'b'+in+parents)+and+'c'+in+parents", HttpStatusCode.BadRequest)]
    [InlineData("files?corpora=drive&driveId=0AshareD&includeItemsFromAllDrives=true", HttpStatusCode.BadRequest)]
    [InlineData("files?pageToken=garbage", HttpStatusCode.BadRequest)]
    [InlineData("files?corpora=drive", HttpStatusCode.BadRequest)]
    [InlineData("files/unknown-id", HttpStatusCode.NotFound)]
    [InlineData("files/unknown-id?alt=media", HttpStatusCode.NotFound)]
    public async Task Get_InvalidRequest_GoogleErrorStatus(string path, HttpStatusCode expected)
    {
        using var cts = TestTimeout.Start();
        await using var emulator = await DriveEmulatorServer.StartAsync(new DriveEmulatorOptions { BearerToken = DriveHarness.Token }, cts.Token);
        using var http = Http(emulator);

        using var response = await http.GetAsync(path, cts.Token);

        Assert.Equal(expected, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cts.Token));
        Assert.Equal((int)expected, body.RootElement.GetProperty("error").GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task Get_RangeBeyondEnd_416AndPartialRangeServed()
    {
        using var cts = TestTimeout.Start();
        await using var emulator = await DriveEmulatorServer.StartAsync(new DriveEmulatorOptions(), cts.Token);
        var id = emulator.Store.AddFile(emulator.Store.RootFolderId, "a", [10, 11, 12, 13]);
        using var http = Http(emulator);

        using var beyond = new HttpRequestMessage(HttpMethod.Get, $"files/{id}?alt=media");
        beyond.Headers.Range = new RangeHeaderValue(4, null);
        using var tail = new HttpRequestMessage(HttpMethod.Get, $"files/{id}?alt=media");
        tail.Headers.Range = new RangeHeaderValue(1, 2);
        using var beyondResponse = await http.SendAsync(beyond, cts.Token);
        using var tailResponse = await http.SendAsync(tail, cts.Token);

        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, beyondResponse.StatusCode);
        Assert.Equal(HttpStatusCode.PartialContent, tailResponse.StatusCode);
        Assert.Equal([11, 12], await tailResponse.Content.ReadAsByteArrayAsync(cts.Token));
        Assert.Equal("bytes 1-2/4", tailResponse.Content.Headers.ContentRange!.ToString());
    }

    [Fact]
    public async Task Request_WithoutBearerToken_401()
    {
        using var cts = TestTimeout.Start();
        await using var emulator = await DriveEmulatorServer.StartAsync(new DriveEmulatorOptions { BearerToken = DriveHarness.Token }, cts.Token);
        using var http = new HttpClient { BaseAddress = emulator.BaseUri };

        using var response = await http.GetAsync("drive/v3/files", cts.Token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(1, emulator.Counters.Unauthorized);
    }
}
