using System.IO.Compression;
using System.Xml.Linq;
using DriveSync.GoogleDrive;
using DriveSync.Pipeline.Runs;
using DriveSync.Pipeline.State;
using DriveSync.Pipeline.Work;
using DriveSync.Sanitization.Pdf;
using DriveSync.Testing;

namespace DriveSync.Pipeline.Tests;

/// <summary>The opt-in OCR route for scanned PDFs, against the Drive emulator over HTTP and Azurite.</summary>
[Collection("Azurite")]
public sealed class OcrRouteTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);
    private const string OcrText = "Form W-2 Wage and Tax Statement\nEmployee SSN: " + Canary.Ssn + "\nContact " + Canary.Email + "\nWages 52,000.00";

    [Fact]
    public async Task RunAsync_ScannedPdfWithOcrEnabled_UploadsSanitizedDocxAndDeletesTheTemporaryCopy()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, CancellationToken.None);
        var temp = Directory.CreateTempSubdirectory("drivesync-ocr-test-");
        harness.Settings["DriveSync:Drive:Ocr:Enabled"] = "true";
        harness.Settings["DriveSync:Pipeline:InMemoryThreshold"] = "16";
        harness.Settings["DriveSync:Pipeline:TempDirectory"] = temp.FullName;
        var scan = AddScan(harness);

        var status = await harness.RunAsync(timeout: Timeout);

        Assert.Equal(RuntimeStatus.Completed, status.RuntimeStatus);
        Assert.Equal(1, status.Counters.Uploaded);
        Assert.Equal(0, status.Counters.Quarantined);
        Assert.Equal(1, status.Counters.PiiFound["SSN"]);
        Assert.Equal(1, status.Counters.PiiFound["EMAIL"]);
        var (name, blob) = Assert.Single(await harness.ReadContainerAsync(harness.OutputContainer));
        Assert.StartsWith(scan + "/", name, StringComparison.Ordinal);
        Assert.EndsWith(".pdf.docx", name, StringComparison.Ordinal);
        Assert.Equal("ocr", blob.Metadata["convertedfrom"]);
        Assert.Equal("1", blob.Metadata["pii_SSN"]);
        var text = DocxText(blob.Content);
        Assert.Contains("Form W-2 Wage and Tax Statement", text, StringComparison.Ordinal);
        Assert.Contains("Employee SSN: [SSN]", text, StringComparison.Ordinal);
        Assert.Contains("Wages 52,000.00", text, StringComparison.Ordinal);
        foreach (var canary in Canary.All)
            Assert.DoesNotContain(canary, text, StringComparison.OrdinalIgnoreCase);
        var entry = Assert.Single(await harness.ReadManifestAsync(status.Id));
        Assert.Equal(FileOutcome.Uploaded, entry.Outcome);
        Assert.Equal(name, entry.Output);
        Assert.Equal(FileProcessor.OcrNote, entry.Note);
        Assert.Equal(1, harness.Drive.Counters.CopyRequests);
        Assert.Equal(1, harness.Drive.Counters.DeleteRequests);
        Assert.DoesNotContain(harness.Drive.Store.Snapshot(), f => f.Name.StartsWith(DriveOcrConverter.TemporaryNamePrefix, StringComparison.Ordinal));
        Assert.Empty(temp.EnumerateFileSystemInfos());
        temp.Delete();
    }

    [Fact]
    public async Task RunAsync_ScannedPdfWithoutOptIn_QuarantinedForNoTextLayerWithoutCopies()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, CancellationToken.None);
        AddScan(harness);

        var status = await harness.RunAsync(timeout: Timeout);

        Assert.Equal(RuntimeStatus.Completed, status.RuntimeStatus);
        Assert.Equal(1, status.Counters.Quarantined);
        var entry = Assert.Single(await harness.ReadManifestAsync(status.Id));
        Assert.Equal(FileOutcome.Quarantined, entry.Outcome);
        Assert.Equal(PdfQuarantineReasons.NoTextLayer, entry.Reason);
        Assert.Empty(await harness.ReadContainerAsync(harness.OutputContainer));
        Assert.Equal(0, harness.Drive.Counters.CopyRequests);
    }

    [Fact]
    public async Task RunAsync_OcrExportKeepsFailing_FileFailedWithReasonAndTemporaryCopyDeleted()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, CancellationToken.None);
        harness.Settings["DriveSync:Drive:Ocr:Enabled"] = "true";
        harness.Settings["DriveSync:Drive:MaxRetries"] = "1";
        harness.Drive.Faults.FailExportAfterCopy = true;
        AddScan(harness);

        var status = await harness.RunAsync(timeout: Timeout);

        Assert.Equal(RuntimeStatus.Completed, status.RuntimeStatus);
        Assert.Equal(1, status.Counters.Failed);
        var entry = Assert.Single(await harness.ReadManifestAsync(status.Id));
        Assert.Equal(FileOutcome.Failed, entry.Outcome);
        Assert.StartsWith("The OCR conversion failed", entry.Reason, StringComparison.Ordinal);
        Assert.Empty(await harness.ReadContainerAsync(harness.OutputContainer));
        Assert.Equal(harness.Drive.Counters.CopyRequests, harness.Drive.Counters.DeleteRequests);
        Assert.DoesNotContain(harness.Drive.Store.Snapshot(), f => f.Name.StartsWith(DriveOcrConverter.TemporaryNamePrefix, StringComparison.Ordinal));
    }

    private static string AddScan(PipelineHarness harness)
    {
        var pdf = File.ReadAllBytes(Path.Combine(RepoPaths.Root, "samples", "drive", "Scanned W-2 2024.pdf"));
        var id = harness.Drive.Store.AddFile(harness.Drive.Store.RootFolderId, "Scanned W-2 2024.pdf", pdf, "application/pdf");
        harness.Drive.Store.SetOcrText(id, OcrText);
        return id;
    }

    private static string DocxText(byte[] docx)
    {
        using var zip = new ZipArchive(new MemoryStream(docx), ZipArchiveMode.Read);
        using var part = zip.GetEntry("word/document.xml")!.Open();
        XNamespace w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
        return string.Join("\n", XDocument.Load(part).Descendants(w + "p").Select(p => string.Concat(p.Descendants(w + "t").Select(t => t.Value))));
    }
}
