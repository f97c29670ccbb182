using DriveSync.Sanitization.Documents;
using DriveSync.Sanitization.Pdf;
using DriveSync.Testing;

namespace DriveSync.Sanitization.Tests.Pdf;

/// <summary>The PDF handler inside the document sanitizer, with the production detectors.</summary>
public sealed class PdfDocumentHandlerTests
{
    private static readonly DocumentSanitizer Sanitizer = new(new SanitizerOptions());

    [Theory]
    [InlineData("cp2000")]
    [InlineData("lo-cp2000.pdf")]
    [InlineData("lo-two-column.pdf")]
    public async Task SanitizeAsync_TextPdf_WritesAPdfWithoutTheSsnOrEmail(string fixture)
    {
        using var cts = TestTimeout.Start();
        var input = fixture.EndsWith(".pdf", StringComparison.Ordinal)
            ? await File.ReadAllBytesAsync(Path.Combine(RepoPaths.Root, "tests", "DriveSync.Sanitization.Tests", "Pdf", "Fixtures", fixture), cts.Token)
            : PdfRedactorTests.Fixture(fixture);
        var output = new MemoryStream();

        var outcome = await Sanitizer.SanitizeAsync("Notice 524-71-3398.pdf", null, new MemoryStream(input), output, cts.Token);

        Assert.True(outcome.IsSanitized, outcome.QuarantineReason);
        Assert.Equal("pdf", outcome.Format);
        Assert.Equal(PdfDocumentHandler.ContentType, outcome.OutputContentType);
        Assert.True(outcome.CountsByType["SSN"] >= 1);
        Assert.True(outcome.CountsByType["EMAIL"] >= 1);
        var text = PdfRedactorTests.Normalize(await Pdftotext.ExtractAsync(output.ToArray(), cts.Token));
        Assert.DoesNotContain(PdfFixtures.Ssn, text, StringComparison.Ordinal);
        Assert.DoesNotContain(PdfFixtures.Email, text, StringComparison.Ordinal);
        Assert.Contains("Form 1040-ES", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SanitizeAsync_ScannedPdf_IsQuarantinedForMissingTextLayer()
    {
        using var cts = TestTimeout.Start();
        var input = new PdfFixtureBuilder().WithImage().AddPage(new PdfContentBuilder().Image("Im1", 0, 0, 612, 792)).Save();

        var outcome = await Sanitizer.SanitizeAsync("scan.pdf", "application/pdf", new MemoryStream(input), new MemoryStream(), cts.Token);

        Assert.False(outcome.IsSanitized);
        Assert.Equal(PdfQuarantineReasons.NoTextLayer, outcome.QuarantineReason);
    }

    [Fact]
    public async Task SanitizeAsync_EncryptedPdf_IsQuarantinedAsEncrypted()
    {
        using var cts = TestTimeout.Start();
        var builder = new PdfFixtureBuilder().WithHelvetica();
        builder.AddPage(new PdfContentBuilder().Text("F1", 12, 72, 700, "SSN " + PdfFixtures.Ssn).ToString());
        builder.Document.SecuritySettings.UserPassword = "user";

        var outcome = await Sanitizer.SanitizeAsync("secret.pdf", null, new MemoryStream(builder.Save()), new MemoryStream(), cts.Token);

        Assert.False(outcome.IsSanitized);
        Assert.Equal(PdfQuarantineReasons.Encrypted, outcome.QuarantineReason);
    }

    [Fact]
    public async Task SanitizeAsync_PdfOverTheSizeLimit_IsQuarantinedNamingTheSetting()
    {
        using var cts = TestTimeout.Start();
        var handler = new PdfDocumentHandler(new PdfRedactionOptions { MaxBytes = 2048 });
        var job = new DocumentJob
        {
            FileName = "big.pdf",
            Extension = ".pdf",
            Input = new MemoryStream(PdfFixtures.Statement(1)),
            Output = new MemoryStream(),
            Redactor = Sanitizer.Redactor,
            Options = new SanitizerOptions(),
        };

        var error = await Assert.ThrowsAsync<DocumentQuarantineException>(() => handler.SanitizeAsync(job, cts.Token));

        Assert.Equal("PDF is larger than DriveSync:Pdf:MaxBytes", error.Message);
        Assert.Equal(0, job.Output.Length);
    }

    [Theory]
    [InlineData(".pdf", null, true)]
    [InlineData("", "application/pdf", true)]
    [InlineData(".docx", null, false)]
    [InlineData(".txt", "text/plain", false)]
    public void CanHandle_ExtensionOrContentType_MatchesOnlyPdf(string extension, string? contentType, bool expected)
    {
        Assert.Equal(expected, new PdfDocumentHandler().CanHandle(extension, contentType));
    }
}
