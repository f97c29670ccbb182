using System.Text;
using DriveSync.Sanitization.Pdf;
using DriveSync.Testing;
using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;

namespace DriveSync.Sanitization.Tests.Pdf;

public sealed class PdfRedactorTests
{
    private static readonly PdfRedactor Redactor = new(new PdfRedactionOptions());

    public static TheoryData<string> PdfsharpFixtures => ["cp2000", "identity-h", "differences", "glyph-per-tj", "statement", "two-column"];

    [Theory]
    [MemberData(nameof(PdfsharpFixtures))]
    public async Task Redact_PdfsharpFixture_PdftotextFindsNoPlantedValueAndKeepsTheRest(string name)
    {
        using var cts = TestTimeout.Start();
        var original = Fixture(name);
        var before = Normalize(await Pdftotext.ExtractAsync(original, cts.Token));
        var planted = PdfFixtures.Planted.Where(before.Contains).ToList();
        var survivors = PdfFixtures.Survivors.Where(before.Contains).ToList();
        Assert.True(planted.Count >= 2, $"fixture {name} shows too few planted values: {before}");
        Assert.True(survivors.Count >= 2, $"fixture {name} shows too few surviving phrases: {before}");

        var result = Redactor.Redact(original, TestDetector.Find, cts.Token);

        var after = Normalize(await Pdftotext.ExtractAsync(result.Output, cts.Token));
        Assert.All(PdfFixtures.Planted, value => Assert.DoesNotContain(value, after, StringComparison.Ordinal));
        Assert.All(survivors, value => Assert.Contains(value, after, StringComparison.Ordinal));
        Assert.True(result.GlyphsRemoved >= planted.Sum(p => p.Replace(" ", "", StringComparison.Ordinal).Length));
    }

    [Fact]
    public void Redact_Cp2000Letter_CountsEachPlantedValueByType()
    {
        var result = Redactor.Redact(PdfFixtures.Cp2000Letter(), TestDetector.Find, TestContext.Current.CancellationToken);

        Assert.Equal(3, result.CountsByType["SSN"]);
        Assert.Equal(1, result.CountsByType["EMAIL"]);
        Assert.Equal(1, result.CountsByType["PHONE"]);
        Assert.Equal(1, result.CountsByType["ACCOUNT"]);
        Assert.Equal(1, result.Pages);
    }

    [Theory]
    [InlineData("cp2000")]
    [InlineData("identity-h")]
    [InlineData("glyph-per-tj")]
    public async Task Redact_Letter_WordsAfterARemovedValueKeepTheirPositions(string name)
    {
        using var cts = TestTimeout.Start();
        var original = Fixture(name);
        var result = Redactor.Redact(original, TestDetector.Find, cts.Token);

        var before = await Pdftotext.WordsAsync(original, cts.Token);
        var after = await Pdftotext.WordsAsync(result.Output, cts.Token);
        var words = new[] { "appears", "today.", "was", "closes" }.Where(word => before.Any(w => w.Word == word)).ToList();
        Assert.True(words.Count >= 3);
        foreach (var word in words)
        {
            var (_, x0, y0) = Assert.Single(before, w => w.Word == word);
            var (_, x1, y1) = Assert.Single(after, w => w.Word == word);
            Assert.Equal(x0, x1, 0.05);
            Assert.Equal(y0, y1, 0.05);
        }
    }

    [Fact]
    public void Redact_Letter_DrawsOneFilledBoxPerRemovedRun()
    {
        var result = Redactor.Redact(PdfFixtures.Cp2000Letter(), TestDetector.Find, TestContext.Current.CancellationToken);

        var document = PdfReader.Open(new MemoryStream(result.Output), PdfDocumentOpenMode.Import);
        var contents = (PdfDictionary)((PdfSharp.Pdf.Advanced.PdfReference)document.Pages[0].Elements["/Contents"]!).Value;
        var content = Encoding.Latin1.GetString(contents.Stream.UnfilteredValue);
        var boxes = content.Split('\n').Count(line => line.EndsWith(" re", StringComparison.Ordinal));
        Assert.Equal(6, boxes);
        Assert.Contains("\nq 0 g\n", content, StringComparison.Ordinal);
        Assert.EndsWith("f\nQ\n", content, StringComparison.Ordinal);
    }

    [Fact]
    public void Redact_SameInputTwice_GivesIdenticalBytesWithoutDatesOrXmp()
    {
        var input = PdfFixtures.Cp2000Letter();

        var first = Redactor.Redact(input, TestDetector.Find, TestContext.Current.CancellationToken).Output;
        var second = Redactor.Redact(input, TestDetector.Find, TestContext.Current.CancellationToken).Output;

        Assert.Equal(first, second);
        var text = Encoding.Latin1.GetString(first);
        Assert.DoesNotContain("CreationDate", text, StringComparison.Ordinal);
        Assert.DoesNotContain("/Metadata", text, StringComparison.Ordinal);
        Assert.DoesNotContain("PDFsharp", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Helvetica")]
    [InlineData("Times-Roman")]
    [InlineData("Times-BoldItalic")]
    [InlineData("Courier")]
    [InlineData("Arial,Bold")]
    public async Task Redact_StandardFontWithoutWidths_UsesTheStandardMetricsAndKeepsPositions(string baseFont)
    {
        using var cts = TestTimeout.Start();
        var input = new PdfFixtureBuilder().WithFontWithoutWidths(baseFont)
            .AddPage(new PdfContentBuilder().Text("F5", 12, 72, 700, "Your SSN " + PdfFixtures.Ssn + " appears on file. Wide WWW mmm.")).Save();

        var result = Redactor.Redact(input, TestDetector.Find, cts.Token);

        var before = await Pdftotext.WordsAsync(input, cts.Token);
        var after = await Pdftotext.WordsAsync(result.Output, cts.Token);
        Assert.DoesNotContain(after, w => w.Word.Contains("3398", StringComparison.Ordinal));
        foreach (var word in new[] { "appears", "WWW", "mmm." })
        {
            Assert.Equal(Assert.Single(before, w => w.Word == word).X, Assert.Single(after, w => w.Word == word).X, 0.05);
        }
    }

    [Fact]
    public void Redact_NonStandardFontWithoutWidths_IsRefused()
    {
        var input = new PdfFixtureBuilder().WithFontWithoutWidths("Garamond")
            .AddPage(new PdfContentBuilder().Text("F5", 12, 72, 700, "SSN " + PdfFixtures.Ssn)).Save();

        var error = Assert.Throws<PdfRedactionException>(() => Redactor.Redact(input, TestDetector.Find, TestContext.Current.CancellationToken));

        Assert.Equal("PDF font has no glyph widths", error.Message);
    }

    [Fact]
    public void Redact_Type1FontWithBuiltInEncoding_DecodesThroughTheEmbeddedProgram()
    {
        var input = new PdfFixtureBuilder().WithBuiltInEncodingFont()
            .AddPage(new PdfContentBuilder().Text("F4", 12, 72, 700, "Your SSN " + PdfFixtures.Ssn + " is on file.", TextEncoders.Differences)).Save();

        var result = Redactor.Redact(input, TestDetector.Find, TestContext.Current.CancellationToken);

        Assert.Equal(1, result.CountsByType["SSN"]);
        Assert.Equal(PdfFixtures.Ssn.Length, result.GlyphsRemoved);
    }

    [Theory]
    [InlineData("0 1 -1 0 300 200")]
    [InlineData("-1 0 0 -1 500 100")]
    public async Task Redact_RotatedTextBesideUprightText_RemovesTheValueInBoth(string textMatrix)
    {
        using var cts = TestTimeout.Start();
        var input = RotatedPage(textMatrix);
        Assert.Contains(PdfFixtures.Ssn, await Pdftotext.ExtractAsync(input, cts.Token, raw: true), StringComparison.Ordinal);

        var result = Redactor.Redact(input, TestDetector.Find, cts.Token);

        var after = Normalize(await Pdftotext.ExtractAsync(result.Output, cts.Token, raw: true));
        Assert.DoesNotContain(PdfFixtures.Ssn, after, StringComparison.Ordinal);
        Assert.DoesNotContain(PdfFixtures.Email, after, StringComparison.Ordinal);
        Assert.Contains("Upright line with", after, StringComparison.Ordinal);
        Assert.Contains("COPY - SSN", after, StringComparison.Ordinal);
        Assert.Equal(PdfFixtures.Ssn.Length + PdfFixtures.Email.Length, result.GlyphsRemoved);
    }

    [Fact]
    public void Redact_DiagonalWatermarkWithPii_RemovesItsGlyphsAndLeavesNothingToFindOnASecondPass()
    {
        var input = RotatedPage("0.7071 0.7071 -0.7071 0.7071 150 300");

        var result = Redactor.Redact(input, TestDetector.Find, TestContext.Current.CancellationToken);
        var second = Redactor.Redact(result.Output, TestDetector.Find, TestContext.Current.CancellationToken);

        Assert.Equal(1, result.CountsByType["SSN"]);
        Assert.Equal(PdfFixtures.Ssn.Length + PdfFixtures.Email.Length, result.GlyphsRemoved);
        Assert.Empty(second.CountsByType);
        Assert.Equal(0, second.GlyphsRemoved);
    }

    [Fact]
    public async Task Redact_ValueWrappedOverTwoLinesOfACell_RemovesBothParts()
    {
        using var cts = TestTimeout.Start();
        var input = new PdfFixtureBuilder().WithHelvetica().AddPage(new PdfContentBuilder()
            .Text("F1", 10, 72, 700, "Customer").Text("F1", 10, 200, 700, "SSN 524-71-")
            .Text("F1", 10, 72, 688, "since 2019").Text("F1", 10, 200, 688, "3398 on file")).Save();

        var result = Redactor.Redact(input, TestDetector.Find, cts.Token);

        var after = Normalize(await Pdftotext.ExtractAsync(result.Output, cts.Token));
        Assert.DoesNotContain("524-71", after, StringComparison.Ordinal);
        Assert.DoesNotContain("3398", after, StringComparison.Ordinal);
        Assert.Contains("Customer", after, StringComparison.Ordinal);
        Assert.Contains("on file", after, StringComparison.Ordinal);
        Assert.Contains("since 2019", after, StringComparison.Ordinal);
        Assert.Equal(PdfFixtures.Ssn.Length, result.GlyphsRemoved);
    }

    [Fact]
    public async Task Redact_TextWithoutPii_KeepsEveryWord()
    {
        using var cts = TestTimeout.Start();
        var input = new PdfFixtureBuilder().WithHelvetica().AddPage(new PdfContentBuilder().Text("F1", 12, 72, 700, "Nothing personal in Form 1040-ES for 2023.")).Save();

        var result = Redactor.Redact(input, TestDetector.Find, cts.Token);

        Assert.Equal(0, result.GlyphsRemoved);
        Assert.Equal("Nothing personal in Form 1040-ES for 2023.", (await Pdftotext.ExtractAsync(result.Output, cts.Token)).Trim());
    }

    [Fact]
    public async Task Redact_StatementOf200Pages_RedactsEveryPage()
    {
        using var cts = TestTimeout.Start(TimeSpan.FromSeconds(90));
        var input = PdfFixtures.Statement(200);

        var result = Redactor.Redact(input, TestDetector.Find, cts.Token);

        Assert.Equal(200, result.Pages);
        Assert.Equal(200 * (1 + 8 + 14), result.CountsByType.Values.Sum());
        var after = await Pdftotext.ExtractAsync(result.Output, cts.Token);
        Assert.All(PdfFixtures.Planted, value => Assert.DoesNotContain(value, after, StringComparison.Ordinal));
        Assert.Equal(200 * 40, CountOccurrences(after, "2024-10-"));
    }

    private static byte[] RotatedPage(string textMatrix) => new PdfFixtureBuilder().WithHelvetica().AddPage(new PdfContentBuilder()
        .Text("F1", 12, 72, 720, "Upright line with " + PdfFixtures.Email + " inside.")
        .Raw($"BT /F1 14 Tf {textMatrix} Tm (COPY - SSN {PdfFixtures.Ssn} - COPY) Tj ET")).Save();

    internal static byte[] Fixture(string name) => name switch
    {
        "cp2000" => PdfFixtures.Cp2000Letter(),
        "identity-h" => PdfFixtures.IdentityFontLetter(),
        "differences" => PdfFixtures.DifferencesFontLetter(),
        "glyph-per-tj" => PdfFixtures.GlyphPerTjLetter(),
        "statement" => PdfFixtures.Statement(2),
        "two-column" => PdfFixtures.TwoColumn(),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    internal static string Normalize(string text) => string.Join(' ', text.Split((char[])[' ', '\n', '\r', '\f', '\t'], StringSplitOptions.RemoveEmptyEntries));

    private static int CountOccurrences(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
