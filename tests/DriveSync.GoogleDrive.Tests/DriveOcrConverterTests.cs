using System.Net;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using DriveSync.DriveEmulator;
using DriveSync.Testing;

namespace DriveSync.GoogleDrive.Tests;

public sealed partial class DriveOcrConverterTests
{
    private const string ScanName = "Tax notice John Smith.pdf";
    private const string OcrText = "Notice CP2000\nSSN 123-45-6789\nAmount due $1,234.00";
    private static readonly string[] Secrets = ["Tax notice", "John Smith", "CP2000", "123-45-6789", "1,234.00"];

    private static Task<DriveHarness> StartAsync(CancellationToken cancellationToken, Action<DriveOptions>? configure = null, DriveEmulatorOptions? emulatorOptions = null) =>
        DriveHarness.StartAsync(
            cancellationToken,
            o =>
            {
                o.Ocr.Enabled = true;
                configure?.Invoke(o);
            },
            emulatorOptions);

    private static async Task<DriveFile> AddScanAsync(DriveHarness drive, string? ocrText, CancellationToken cancellationToken, string mimeType = "application/pdf")
    {
        var folder = drive.Store.AddFolder(drive.Store.RootFolderId, "Cases");
        var id = drive.Store.AddFile(folder, ScanName, DriveHarness.Content(7, 4096), mimeType);
        if (ocrText is not null)
            drive.Store.SetOcrText(id, ocrText);
        return await drive.Client.GetFileAsync(id, cancellationToken);
    }

    private static DriveOcrConverter Converter(DriveHarness drive) => new(drive.Client, drive.Options, drive.Logs.For<DriveOcrConverter>());

    private static List<string> Paragraphs(byte[] docx)
    {
        using var stream = new MemoryStream(docx);
        using var document = WordprocessingDocument.Open(stream, false);
        return document.MainDocumentPart!.Document!.Body!.Elements<Paragraph>().Select(p => p.InnerText).ToList();
    }

    private static string TemporaryIdFromLog(DriveHarness drive, string verb) =>
        drive.Logs.Lines.Select(l => CopyLine().Match(l)).Where(m => m.Success && m.Groups[2].Value == verb).Select(m => m.Groups[1].Value).Single();

    private static void AssertCleanedUp(DriveHarness drive, DriveFile source, long copies = 1, long deletes = 1)
    {
        Assert.Equal(copies, drive.Emulator.Counters.CopyRequests);
        Assert.Equal(deletes, drive.Emulator.Counters.DeleteRequests);
        Assert.Equal([ScanName], drive.Store.Snapshot().Where(f => f.MimeType != EmulatorStore.FolderMimeType).Select(f => f.Name));
        Assert.NotNull(drive.Store.Find(source.Id));
    }

    private static void AssertNoPersonalDataLogged(DriveHarness drive)
    {
        foreach (var line in drive.Logs.Lines)
        {
            foreach (var secret in Secrets)
                Assert.DoesNotContain(secret, line, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task ConvertToDocxAsync_ScannedPdf_DocxHoldsOcrTextAndCopyIsDeleted()
    {
        using var cts = TestTimeout.Start();
        await using var drive = await StartAsync(cts.Token);
        var source = await AddScanAsync(drive, OcrText, cts.Token);
        using var docx = new MemoryStream();

        var result = await Converter(drive).ConvertToDocxAsync(source, docx, cts.Token).WaitAsync(TimeSpan.FromSeconds(20), cts.Token);

        Assert.Equal(["Notice CP2000", "SSN 123-45-6789", "Amount due $1,234.00"], Paragraphs(docx.ToArray()));
        Assert.Equal(docx.Length, result.Bytes);
        AssertCleanedUp(drive, source);
        Assert.Equal(1, drive.Emulator.Counters.ExportRequests);
        var temporaryId = TemporaryIdFromLog(drive, "created");
        Assert.Equal(temporaryId, TemporaryIdFromLog(drive, "deleted"));
        Assert.Null(drive.Store.Find(temporaryId));
        Assert.NotEqual(source.Id, temporaryId);
        AssertNoPersonalDataLogged(drive);
    }

    [Fact]
    public async Task ConvertToDocxAsync_NoOcrText_EmptyDocument()
    {
        using var cts = TestTimeout.Start();
        await using var drive = await StartAsync(cts.Token);
        var source = await AddScanAsync(drive, null, cts.Token, "image/png");
        using var docx = new MemoryStream();

        await Converter(drive).ConvertToDocxAsync(source, docx, cts.Token).WaitAsync(TimeSpan.FromSeconds(20), cts.Token);

        Assert.All(Paragraphs(docx.ToArray()), p => Assert.Equal(string.Empty, p));
        AssertCleanedUp(drive, source);
    }

    [Fact]
    public async Task ConvertToDocxAsync_ExportFails_CopyDeletedAndFailureSurfaced()
    {
        using var cts = TestTimeout.Start();
        await using var drive = await StartAsync(cts.Token, o => o.MaxRetries = 2);
        var source = await AddScanAsync(drive, OcrText, cts.Token);
        drive.Emulator.Faults.FailExportAfterCopy = true;
        using var docx = new MemoryStream();

        var error = await Assert.ThrowsAsync<DriveRetriesExhaustedException>(
            () => Converter(drive).ConvertToDocxAsync(source, docx, cts.Token).WaitAsync(TimeSpan.FromSeconds(20), cts.Token));

        Assert.Equal(DriveFailureAction.SkipFile, DriveFailureClassifier.Classify(error));
        Assert.Equal(3, drive.Emulator.Counters.ExportRequests);
        AssertCleanedUp(drive, source);
        Assert.Null(drive.Store.Find(TemporaryIdFromLog(drive, "deleted")));
        AssertNoPersonalDataLogged(drive);
    }

    [Fact]
    public async Task ConvertToDocxAsync_ExportOverLimit_ThrowsExportTooLargeAndDeletesCopy()
    {
        using var cts = TestTimeout.Start();
        await using var drive = await StartAsync(
            cts.Token, emulatorOptions: new DriveEmulatorOptions { BearerToken = DriveHarness.Token, ExportSizeLimitBytes = 100 });
        var source = await AddScanAsync(drive, OcrText, cts.Token);
        using var docx = new MemoryStream();

        var error = await Assert.ThrowsAsync<DriveExportTooLargeException>(
            () => Converter(drive).ConvertToDocxAsync(source, docx, cts.Token).WaitAsync(TimeSpan.FromSeconds(20), cts.Token));

        Assert.Equal(source.Id, error.FileId);
        Assert.Equal(DriveFailureAction.SkipFile, DriveFailureClassifier.Classify(error));
        AssertCleanedUp(drive, source);
    }

    [Fact]
    public async Task ConvertToDocxAsync_CopyAnswerLostAndRetried_ExtraCopyRemovedByName()
    {
        using var cts = TestTimeout.Start();
        await using var drive = await StartAsync(cts.Token);
        var source = await AddScanAsync(drive, OcrText, cts.Token);
        drive.Emulator.Faults.Enqueue(EmulatorFaultKind.TruncatedBody);
        using var docx = new MemoryStream();

        await Converter(drive).ConvertToDocxAsync(source, docx, cts.Token).WaitAsync(TimeSpan.FromSeconds(20), cts.Token);

        Assert.Equal(1, drive.Emulator.Counters.FaultsInjected);
        Assert.Equal(3, Paragraphs(docx.ToArray()).Count);
        AssertCleanedUp(drive, source, copies: 2, deletes: 2);
        Assert.Single(drive.Logs.Lines, l => l.Contains("Leftover OCR copy", StringComparison.Ordinal));
        AssertNoPersonalDataLogged(drive);
    }

    [Fact]
    public async Task ConvertToDocxAsync_CancelledDuringExport_CopyDeleted()
    {
        using var cts = TestTimeout.Start();
        await using var drive = await StartAsync(cts.Token);
        var source = await AddScanAsync(drive, OcrText, cts.Token);
        drive.Emulator.Faults.Scope = EmulatorFaultScope.MediaOnly;
        drive.Emulator.Faults.SlowResponseDelay = TimeSpan.FromSeconds(60);
        drive.Emulator.Faults.Enqueue(EmulatorFaultKind.SlowResponse);
        using var caller = CancellationTokenSource.CreateLinkedTokenSource(cts.Token);
        using var docx = new MemoryStream();

        var conversion = Converter(drive).ConvertToDocxAsync(source, docx, caller.Token);
        await TestWait.UntilAsync(() => Task.FromResult(drive.Emulator.Counters.FaultsInjected == 1), TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(20));
        await caller.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => conversion.WaitAsync(TimeSpan.FromSeconds(20), cts.Token));
        AssertCleanedUp(drive, source);
        Assert.Null(drive.Store.Find(TemporaryIdFromLog(drive, "deleted")));
    }

    [Fact]
    public async Task ConvertToDocxAsync_DeleteFails_WarnsWithTemporaryIdAndNextConversionRemovesIt()
    {
        using var cts = TestTimeout.Start();
        await using var drive = await StartAsync(cts.Token);
        var source = await AddScanAsync(drive, OcrText, cts.Token);
        var tempFolder = drive.Store.AddFolder(drive.Store.RootFolderId, "ocr-temp");
        drive.Options.Ocr.TempFolderId = tempFolder;
        drive.Emulator.Faults.FailDeletes = true;
        using var docx = new MemoryStream();

        var error = await Assert.ThrowsAsync<DriveOcrCleanupException>(
            () => Converter(drive).ConvertToDocxAsync(source, docx, cts.Token).WaitAsync(TimeSpan.FromSeconds(20), cts.Token));

        var temporaryId = TemporaryIdFromLog(drive, "created");
        Assert.Equal([temporaryId], error.TemporaryFileIds);
        Assert.Null(error.ConversionFailure);
        Assert.Equal(DriveFailureAction.SkipFile, DriveFailureClassifier.Classify(error));
        Assert.Contains(temporaryId, error.Message, StringComparison.Ordinal);
        var leftover = drive.Store.Find(temporaryId)!;
        Assert.Equal(("drivesync-ocr-" + source.Id, GoogleMimeTypes.Document, source.Id), (leftover.Name, leftover.MimeType, leftover.CopiedFrom));
        Assert.Equal([tempFolder], leftover.Parents);
        Assert.Contains(drive.Logs.Lines, l => l.StartsWith("Warning ", StringComparison.Ordinal) && l.Contains(temporaryId, StringComparison.Ordinal));
        AssertNoPersonalDataLogged(drive);

        drive.Emulator.Faults.FailDeletes = false;
        docx.SetLength(0);
        await Converter(drive).ConvertToDocxAsync(source, docx, cts.Token).WaitAsync(TimeSpan.FromSeconds(20), cts.Token);

        Assert.Null(drive.Store.Find(temporaryId));
        Assert.Equal(3, Paragraphs(docx.ToArray()).Count);
        AssertCleanedUp(drive, source, copies: 2, deletes: 3);
    }

    [Fact]
    public async Task ConvertToDocxAsync_DisabledByDefault_ThrowsWithoutDriveCalls()
    {
        using var cts = TestTimeout.Start();
        await using var drive = await DriveHarness.StartAsync(cts.Token);
        var source = await AddScanAsync(drive, OcrText, cts.Token);
        var before = drive.Emulator.Counters.TotalRequests;
        var converter = new DriveOcrConverter(drive.Client, drive.Options);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => converter.ConvertToDocxAsync(source, Stream.Null, cts.Token).WaitAsync(TimeSpan.FromSeconds(20), cts.Token));

        Assert.False(new DriveOptions().Ocr.Enabled);
        Assert.False(converter.IsEnabled);
        Assert.Contains("DriveSync:Drive:Ocr:Enabled", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, drive.Emulator.Counters.TotalRequests);
        Assert.Equal(0, drive.Emulator.Counters.CopyRequests);
    }

    [Theory]
    [InlineData("application/pdf", true)]
    [InlineData("image/jpeg", true)]
    [InlineData("image/png", true)]
    [InlineData("image/gif", true)]
    [InlineData("text/plain", false)]
    [InlineData(GoogleMimeTypes.Document, false)]
    public void CanConvert_MimeType_OnlyTypesDriveOcrs(string mimeType, bool expected) =>
        Assert.Equal(expected, DriveOcrConverter.CanConvert(new DriveFile("f1", "n", mimeType, 1, null, null, 1, null)));

    [Fact]
    public async Task CopyAsync_ConvertWithLanguage_ReturnsGoogleDocAndDeleteRemovesIt()
    {
        using var cts = TestTimeout.Start();
        await using var drive = await StartAsync(cts.Token, o => o.Ocr.Language = "de");
        var source = await AddScanAsync(drive, OcrText, cts.Token);

        var copy = await drive.Client.CopyAsync(source.Id, "drivesync-ocr-x", source.ParentId, GoogleMimeTypes.Document, cts.Token).WaitAsync(TimeSpan.FromSeconds(20), cts.Token);

        Assert.Equal((GoogleMimeTypes.Document, "drivesync-ocr-x", source.ParentId, true), (copy.MimeType, copy.Name, copy.ParentId, copy.IsGoogleNative));
        Assert.Equal(("de", source.Id), (drive.Store.Find(copy.Id)!.OcrLanguage, drive.Store.Find(copy.Id)!.CopiedFrom));
        using var text = new MemoryStream();
        await drive.Client.ExportAsync(copy with { ExportMimeType = "text/plain" }, text, cts.Token).WaitAsync(TimeSpan.FromSeconds(20), cts.Token);
        Assert.Equal(OcrText, System.Text.Encoding.UTF8.GetString(text.ToArray()));

        await drive.Client.DeleteAsync(copy.Id, cts.Token).WaitAsync(TimeSpan.FromSeconds(20), cts.Token);

        Assert.Null(drive.Store.Find(copy.Id));
        var again = await Assert.ThrowsAsync<DriveApiException>(() => drive.Client.DeleteAsync(copy.Id, cts.Token).WaitAsync(TimeSpan.FromSeconds(20), cts.Token));
        Assert.Equal((HttpStatusCode.NotFound, DriveFailureAction.SkipFile), (again.StatusCode, DriveFailureClassifier.Classify(again)));
    }

    [Fact]
    public async Task CopyAsync_UnsupportedConversion_FailsWithBadRequest()
    {
        using var cts = TestTimeout.Start();
        await using var drive = await StartAsync(cts.Token);
        var id = drive.Store.AddFile(drive.Store.RootFolderId, "a.txt", [1, 2, 3], "text/plain");

        var error = await Assert.ThrowsAsync<DriveApiException>(
            () => drive.Client.CopyAsync(id, "copy", null, GoogleMimeTypes.Spreadsheet, cts.Token).WaitAsync(TimeSpan.FromSeconds(20), cts.Token));

        Assert.Equal((HttpStatusCode.BadRequest, DriveFailureAction.SkipFile), (error.StatusCode, DriveFailureClassifier.Classify(error)));
        Assert.Equal(1, drive.Store.Count);
    }

    [GeneratedRegex("OCR copy (\\S+) of \\S+ (created|deleted)")]
    private static partial Regex CopyLine();
}
