using DriveSync.Sanitization.Pdf;
using DriveSync.Testing;

namespace DriveSync.Sanitization.Tests.Pdf;

/// <summary>
/// PDFs from other producers, made by scripts/gen-pdf-fixtures.sh and checked in: converted from DOCX by LibreOffice headless
/// (embedded subset TrueType fonts with ToUnicode) and printed by headless Chromium (Type0/Identity-H subset fonts).
/// </summary>
public sealed class ExternalProducerFixtureTests
{
    private static readonly PdfRedactor Redactor = new(new PdfRedactionOptions());

    [Theory]
    [InlineData("lo-cp2000.pdf", 4)]
    [InlineData("lo-statement.pdf", 2)]
    [InlineData("lo-two-column.pdf", 3)]
    [InlineData("chromium-statement.pdf", 4)]
    public async Task Redact_ExternalProducerPdf_PdftotextFindsNoPlantedValueAndKeepsTheRest(string file, int plantedKinds)
    {
        using var cts = TestTimeout.Start();
        var original = await File.ReadAllBytesAsync(Path.Combine(RepoPaths.Root, "tests", "DriveSync.Sanitization.Tests", "Pdf", "Fixtures", file), cts.Token);
        var before = PdfRedactorTests.Normalize(await Pdftotext.ExtractAsync(original, cts.Token));
        var survivors = PdfFixtures.Survivors.Where(before.Contains).ToList();
        Assert.Equal(plantedKinds, PdfFixtures.Planted.Count(before.Contains));
        Assert.True(survivors.Count >= 2, $"{file} shows too few surviving phrases");

        var result = Redactor.Redact(original, TestDetector.Find, cts.Token);

        var after = PdfRedactorTests.Normalize(await Pdftotext.ExtractAsync(result.Output, cts.Token));
        var compact = after.Replace(" ", "", StringComparison.Ordinal);
        Assert.All(PdfFixtures.Planted, value => Assert.DoesNotContain(value.Replace(" ", "", StringComparison.Ordinal), compact, StringComparison.Ordinal));
        Assert.All(survivors, value => Assert.Contains(value, after, StringComparison.Ordinal));
        Assert.True(result.GlyphsRemoved > 0);
    }

    [Fact]
    public async Task Redact_LibreOfficeLetterWithLigatures_KeepsTheLigatedWords()
    {
        using var cts = TestTimeout.Start();
        var original = await File.ReadAllBytesAsync(Path.Combine(RepoPaths.Root, "tests", "DriveSync.Sanitization.Tests", "Pdf", "Fixtures", "lo-cp2000.pdf"), cts.Token);

        var result = Redactor.Redact(original, TestDetector.Find, cts.Token);

        var after = PdfRedactorTests.Normalize(await Pdftotext.ExtractAsync(result.Output, cts.Token));
        Assert.Contains("efficient offices finish reviews within 30 days.", after, StringComparison.Ordinal);
        Assert.Contains("doesn’t match the information", after, StringComparison.Ordinal);
    }
}
