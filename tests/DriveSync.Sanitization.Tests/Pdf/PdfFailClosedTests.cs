using DriveSync.Sanitization.Pdf;

namespace DriveSync.Sanitization.Tests.Pdf;

/// <summary>Everything the redactor cannot fully account for is refused with a reason that holds no content.</summary>
public sealed class PdfFailClosedTests
{
    private static readonly PdfRedactor Redactor = new(new PdfRedactionOptions());

    [Fact]
    public void Redact_EncryptedPdf_IsRefusedAsEncrypted()
    {
        var builder = new PdfFixtureBuilder().WithHelvetica();
        builder.AddPage(new PdfContentBuilder().Text("F1", 12, 72, 700, "SSN " + PdfFixtures.Ssn).ToString());
        builder.Document.SecuritySettings.UserPassword = "user";
        builder.Document.SecuritySettings.OwnerPassword = "owner";

        AssertRefused(builder.Save(), PdfQuarantineReasons.Encrypted);
    }

    [Fact]
    public void Redact_FontWithoutEncodingOrToUnicode_IsRefusedForMissingTextMapping()
    {
        var input = new PdfFixtureBuilder().WithUnmappedFont().AddPage(new PdfContentBuilder().Text("F9", 12, 72, 700, "SSN " + PdfFixtures.Ssn)).Save();

        AssertRefused(input, "PDF font without a usable text mapping");
    }

    [Fact]
    public void Redact_IdentityFontWithoutToUnicode_IsRefusedForMissingTextMapping()
    {
        var input = new PdfFixtureBuilder().WithIdentityFont("F3", toUnicode: false)
            .AddPage(new PdfContentBuilder().Text("F3", 12, 72, 700, "SSN " + PdfFixtures.Ssn, TextEncoders.Identity)).Save();

        AssertRefused(input, "PDF font without a usable text mapping");
    }

    [Fact]
    public void Redact_UnknownOperatorInsideTextObject_IsRefused()
    {
        var input = Page("BT /F1 12 Tf 72 700 Td (SSN " + PdfFixtures.Ssn + ") Tj 3 Xq ET");

        AssertRefused(input, "PDF content uses an unsupported operator");
    }

    [Fact]
    public async Task Redact_UnknownOperatorInCompatibilitySectionOutsideText_IsTolerated()
    {
        using var cts = DriveSync.Testing.TestTimeout.Start();
        var input = Page("BX 1 2 Xq EX\nBT /F1 12 Tf 72 700 Td (SSN " + PdfFixtures.Ssn + " kept words) Tj ET");

        var result = Redactor.Redact(input, TestDetector.Find, cts.Token);

        var text = await Pdftotext.ExtractAsync(result.Output, cts.Token);
        Assert.DoesNotContain(PdfFixtures.Ssn, text, StringComparison.Ordinal);
        Assert.Contains("kept words", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Redact_UnterminatedString_IsRefusedAsMalformed()
    {
        AssertRefused(Page("BT /F1 12 Tf 72 700 Td (SSN " + PdfFixtures.Ssn + " Tj ET"), "PDF content stream is malformed");
    }

    [Fact]
    public void Redact_TextShownOutsideTextObject_IsRefusedAsMalformed()
    {
        AssertRefused(Page("/F1 12 Tf (SSN " + PdfFixtures.Ssn + ") Tj"), "PDF content stream is malformed");
    }

    [Fact]
    public void Redact_ImageOnlyPdf_IsRefusedForMissingTextLayer()
    {
        var input = new PdfFixtureBuilder().WithImage().AddPage(new PdfContentBuilder().Image("Im1", 0, 0, 612, 792)).Save();

        AssertRefused(input, PdfQuarantineReasons.NoTextLayer);
        Assert.Equal("no text layer (OCR route not enabled)", PdfQuarantineReasons.NoTextLayer);
    }

    [Fact]
    public void Redact_TextPdfWithAScannedPage_IsRefusedForThePageWithoutText()
    {
        var builder = new PdfFixtureBuilder().WithHelvetica().WithImage();
        builder.AddPage(new PdfContentBuilder().Text("F1", 12, 72, 700, "Cover letter"));
        builder.AddPage(new PdfContentBuilder().Image("Im1", 0, 0, 612, 792));

        AssertRefused(builder.Save(), PdfQuarantineReasons.PageWithoutTextLayer);
    }

    [Fact]
    public void Redact_ScanWithInvisibleOcrText_IsRefusedBecauseTheImageCannotBeRedacted()
    {
        var input = new PdfFixtureBuilder().WithHelvetica().WithImage()
            .AddPage(new PdfContentBuilder().Image("Im1", 0, 0, 612, 792).Raw("BT 3 Tr /F1 12 Tf 72 700 Td (SSN " + PdfFixtures.Ssn + ") Tj ET")).Save();

        AssertRefused(input, PdfQuarantineReasons.ScannedWithOcrLayer);
    }

    [Fact]
    public void Redact_TextInsideFormXObject_IsRefused()
    {
        var builder = new PdfFixtureBuilder().WithHelvetica();
        builder.WithForm("Fm1", "BT /F1 12 Tf 72 700 Td (SSN " + PdfFixtures.Ssn + ") Tj ET");
        builder.AddPage(new PdfContentBuilder().Text("F1", 12, 72, 740, "Header").Raw("/Fm1 Do"));

        AssertRefused(builder.Save(), "PDF has text inside a form XObject or pattern (not supported)");
    }

    [Fact]
    public void Redact_TextInsideTilingPattern_IsRefused()
    {
        var builder = new PdfFixtureBuilder().WithHelvetica();
        var page = builder.AddPage(new PdfContentBuilder().Text("F1", 12, 72, 740, "Header").ToString());
        var pattern = builder.Stream(System.Text.Encoding.ASCII.GetBytes("BT /F1 12 Tf 0 0 Td (SSN " + PdfFixtures.Ssn + ") Tj ET"));
        pattern.Elements["/PatternType"] = new PdfSharp.Pdf.PdfInteger(1);
        pattern.Elements["/Resources"] = ((PdfSharp.Pdf.PdfDictionary)page.Elements["/Resources"]!).Clone();
        var patterns = new PdfSharp.Pdf.PdfDictionary(builder.Document);
        patterns.Elements["/P1"] = pattern.Reference;
        ((PdfSharp.Pdf.PdfDictionary)page.Elements["/Resources"]!).Elements["/Pattern"] = patterns;

        AssertRefused(builder.Save(), "PDF has text inside a form XObject or pattern (not supported)");
    }

    [Fact]
    public void Redact_MirroredText_IsRefused()
    {
        AssertRefused(Page("BT /F1 12 Tf -1 0 0 1 300 400 Tm (SSN " + PdfFixtures.Ssn + ") Tj ET"), "PDF has mirrored text (not supported)");
    }

    [Fact]
    public void Redact_UnbalancedGraphicsState_IsRefused()
    {
        AssertRefused(Page("Q BT /F1 12 Tf 72 700 Td (text) Tj ET"), "PDF content has unbalanced graphics states");
    }

    [Fact]
    public void Redact_MissingFontResource_IsRefused()
    {
        AssertRefused(Page("BT /F7 12 Tf 72 700 Td (text) Tj ET"), "PDF content refers to a missing font");
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31, 0x2E, 0x37, 0x0A, 0x67, 0x61, 0x72, 0x62, 0x61, 0x67, 0x65 })]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x14, 0x00 })]
    public void Redact_NotAPdf_IsRefusedAsUnreadable(byte[] input)
    {
        AssertRefused(input, PdfQuarantineReasons.Unreadable);
    }

    [Fact]
    public void Redact_MorePagesThanAllowed_IsRefusedNamingTheSetting()
    {
        var redactor = new PdfRedactor(new PdfRedactionOptions { MaxPages = 1 });
        var input = PdfFixtures.Statement(2);

        var error = Assert.Throws<PdfRedactionException>(() => redactor.Redact(input, TestDetector.Find, TestContext.Current.CancellationToken));

        Assert.Equal("PDF has more pages than DriveSync:Pdf:MaxPages", error.Message);
    }

    [Theory]
    [InlineData(PdfQuarantineReasons.NoTextLayer, true)]
    [InlineData(PdfQuarantineReasons.PageWithoutTextLayer, true)]
    [InlineData(PdfQuarantineReasons.ScannedWithOcrLayer, true)]
    [InlineData(PdfQuarantineReasons.Encrypted, false)]
    [InlineData("PDF font without a usable text mapping", false)]
    [InlineData(null, false)]
    public void IsOcrCandidate_Reason_TrueOnlyForMissingTextLayers(string? reason, bool expected)
    {
        Assert.Equal(expected, PdfQuarantineReasons.IsOcrCandidate(reason));
    }

    [Fact]
    public void Validate_InvalidLimits_NamesEachSetting()
    {
        var errors = new PdfRedactionOptions { MaxBytes = 0, MaxPages = 0, MaxPageContentBytes = 0 }.Validate();

        Assert.Equal(3, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("DriveSync:Pdf:MaxBytes", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("DriveSync:Pdf:MaxPages", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("DriveSync:Pdf:MaxPageContentBytes", StringComparison.Ordinal));
        Assert.Empty(new PdfRedactionOptions().Validate());
    }

    private static byte[] Page(string content)
    {
        var builder = new PdfFixtureBuilder().WithHelvetica();
        builder.AddPage(content);
        return builder.Save();
    }

    private static void AssertRefused(byte[] input, string reason)
    {
        var error = Assert.Throws<PdfRedactionException>(() => Redactor.Redact(input, TestDetector.Find, TestContext.Current.CancellationToken));
        Assert.Equal(reason, error.Message);
        Assert.DoesNotContain(PdfFixtures.Ssn, error.ToString(), StringComparison.Ordinal);
    }
}
