using DriveSync.Sanitization.Documents;
using DriveSync.Sanitization.Pdf;
using DriveSync.Testing;

namespace DriveSync.Sanitization.Tests.Pdf;

/// <summary>Lines joined to the line below them (wrapped values) must not let a complete value swallow the next line's first word.</summary>
public sealed class PdfLineJoinTests
{
    private static readonly PdfRedactor Redactor = new(new PdfRedactionOptions());
    private static readonly DocumentSanitizer Sanitizer = new(new SanitizerOptions());

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("-")]
    public async Task Redact_LineEndingInAnEmailAboveALineAtTheSameX_KeepsTheNextLinesFirstWord(string after)
    {
        using var cts = TestTimeout.Start();
        var input = EmailAboveDaytimeLine(after);

        var result = Redactor.Redact(input, TestDetector.Find, cts.Token);

        var text = PdfRedactorTests.Normalize(await Pdftotext.ExtractAsync(result.Output, cts.Token));
        Assert.DoesNotContain(PdfFixtures.Email, text, StringComparison.Ordinal);
        Assert.DoesNotContain("jane", text, StringComparison.Ordinal);
        Assert.Contains("Questions:", text, StringComparison.Ordinal);
        Assert.Contains("Daytime phone 555-0142 until 5 pm", text, StringComparison.Ordinal);
        Assert.Equal(1, result.CountsByType["EMAIL"]);
        Assert.Equal(PdfFixtures.Email.Length, result.GlyphsRemoved);
    }

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    public async Task SanitizeAsync_LineEndingInAnEmailAboveALineAtTheSameX_KeepsTheNextLinesFirstWordWithTheProductionDetectors(string after)
    {
        using var cts = TestTimeout.Start();
        var output = new MemoryStream();

        var outcome = await Sanitizer.SanitizeAsync("notice.pdf", null, new MemoryStream(EmailAboveDaytimeLine(after)), output, cts.Token);

        Assert.True(outcome.IsSanitized, outcome.QuarantineReason);
        var text = PdfRedactorTests.Normalize(await Pdftotext.ExtractAsync(output.ToArray(), cts.Token));
        Assert.DoesNotContain(PdfFixtures.Email, text, StringComparison.Ordinal);
        Assert.Contains("Daytime phone", text, StringComparison.Ordinal);
        Assert.Equal(1, outcome.CountsByType["EMAIL"]);
    }

    [Theory]
    [InlineData("jane.doe@", "example.com")]
    [InlineData("jane.doe@exam", "ple.com")]
    [InlineData("jane.doe@example.", "com")]
    public async Task Redact_EmailWrappedOverTwoLinesOfACell_RemovesBothPartsAndCountsItOnce(string firstLine, string secondLine)
    {
        using var cts = TestTimeout.Start();
        var input = WrappedInACell(firstLine, secondLine);

        var result = Redactor.Redact(input, TestDetector.Find, cts.Token);

        var text = PdfRedactorTests.Normalize(await Pdftotext.ExtractAsync(result.Output, cts.Token));
        Assert.DoesNotContain("jane", text, StringComparison.Ordinal);
        Assert.DoesNotContain(secondLine, text, StringComparison.Ordinal);
        Assert.Contains("Contact", text, StringComparison.Ordinal);
        Assert.Contains("since 2019", text, StringComparison.Ordinal);
        Assert.Contains("on file", text, StringComparison.Ordinal);
        Assert.Equal(1, result.CountsByType["EMAIL"]);
        Assert.Equal(PdfFixtures.Email.Length, result.GlyphsRemoved);
    }

    [Theory]
    [InlineData("524-71-", "3398")]
    [InlineData("jane.doe@example.", "com")]
    public async Task SanitizeAsync_ValueWrappedOverTwoLinesOfACell_RemovesBothPartsWithTheProductionDetectors(string firstLine, string secondLine)
    {
        using var cts = TestTimeout.Start();
        var output = new MemoryStream();

        var outcome = await Sanitizer.SanitizeAsync("statement.pdf", null, new MemoryStream(WrappedInACell(firstLine, secondLine)), output, cts.Token);

        Assert.True(outcome.IsSanitized, outcome.QuarantineReason);
        var text = PdfRedactorTests.Normalize(await Pdftotext.ExtractAsync(output.ToArray(), cts.Token));
        Assert.DoesNotContain(firstLine, text, StringComparison.Ordinal);
        Assert.DoesNotContain(secondLine, text, StringComparison.Ordinal);
        Assert.Contains("since 2019", text, StringComparison.Ordinal);
        Assert.Contains("on file", text, StringComparison.Ordinal);
        Assert.Equal(1, outcome.TotalRedactions);
    }

    /// <summary>A two-column table row whose right cell wraps a value: <paramref name="firstLine"/> at the end of its first line, <paramref name="secondLine"/> starting its second.</summary>
    private static byte[] WrappedInACell(string firstLine, string secondLine) => new PdfFixtureBuilder().WithHelvetica().AddPage(new PdfContentBuilder()
        .Text("F1", 10, 72, 700, "Contact").Text("F1", 10, 200, 700, "Reach " + firstLine)
        .Text("F1", 10, 72, 688, "since 2019").Text("F1", 10, 200, 688, secondLine + " on file")).Save();

    /// <summary>"Questions: jane.doe@example.com" (then <paramref name="after"/>, e.g. a full stop) above "Daytime phone …", both lines starting at x = 72.</summary>
    private static byte[] EmailAboveDaytimeLine(string after) => new PdfFixtureBuilder().WithHelvetica().AddPage(new PdfContentBuilder()
        .Text("F1", 10, 72, 700, "Questions: " + PdfFixtures.Email + after)
        .Text("F1", 10, 72, 688, "Daytime phone 555-0142 until 5 pm")).Save();
}
