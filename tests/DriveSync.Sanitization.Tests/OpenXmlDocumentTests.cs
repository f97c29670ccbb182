using System.IO.Compression;
using DocumentFormat.OpenXml.Packaging;
using S = DocumentFormat.OpenXml.Spreadsheet;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace DriveSync.Sanitization.Tests;

public sealed class OpenXmlDocumentTests
{
    private static byte[] RichDocx() => OfficeFixtures.Docx(
        body =>
        {
            body.Append(OfficeFixtures.Paragraph("Taxpayer SSN 123-4", "5-67", "89 filed for 2023."));
            body.Append(new W.Table(new W.TableRow(new W.TableCell(OfficeFixtures.Paragraph("Contact: jane.public@example.com")))));
        },
        main =>
        {
            var header = main.AddNewPart<HeaderPart>();
            header.Header = new W.Header(OfficeFixtures.Paragraph("Phone (212) 555-0100"));
            var footer = main.AddNewPart<FooterPart>();
            footer.Footer = new W.Footer(OfficeFixtures.Paragraph("Card 4111 1111 1111 1111"));
            var footnotes = main.AddNewPart<FootnotesPart>();
            footnotes.Footnotes = new W.Footnotes(new W.Footnote(OfficeFixtures.Paragraph("IBAN DE89 3704 0044 0532 0130 00")) { Id = 1 });
            var comments = main.AddNewPart<WordprocessingCommentsPart>();
            comments.Comments = new W.Comments(new W.Comment(OfficeFixtures.Paragraph("Check 078-05-1120")) { Id = "0", Author = "John Smith", Initials = "JS" });
            main.AddHyperlinkRelationship(new Uri("mailto:jane.public@example.com"), true, "rIdMail");
        });

    [Fact]
    public async Task SanitizeAsync_Docx_RedactsEveryPartAndRunSplitValues()
    {
        var (outcome, output) = await SanitizerHarness.RunAsync("case.docx", RichDocx());

        Assert.True(outcome.IsSanitized, outcome.QuarantineReason);
        var text = OfficeFixtures.AllText(output, ".docx");
        Assert.Contains("Taxpayer SSN [SSN] filed for 2023.", text.Replace("\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("Contact: [EMAIL]", text, StringComparison.Ordinal);
        Assert.Contains("Phone [PHONE]", text, StringComparison.Ordinal);
        Assert.Contains("Card [CARD]", text, StringComparison.Ordinal);
        Assert.Contains("IBAN [IBAN]", text, StringComparison.Ordinal);
        Assert.Contains("Check [SSN]", text, StringComparison.Ordinal);
        foreach (var secret in new[] { "6789", "jane.public", "555-0100", "4111", "DE89", "078-05", "John Smith", "Jane Q. Public" })
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }

        Assert.Equal(2, outcome.CountsByType[PiiTypes.Ssn]);
        Assert.Equal(2, outcome.CountsByType[PiiTypes.Email]);
        Assert.Equal(4, outcome.CountsByType[PiiTypes.Name]);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", outcome.OutputContentType);
        AssertNoSecretInAnyEntry(output, "John Smith", "jane.public", "Jane Q. Public", "JS\"");
    }

    [Fact]
    public async Task SanitizeAsync_DocxTableLabelInPreviousCell_QualifiesBareNumber()
    {
        var input = OfficeFixtures.Docx(body => body.Append(new W.Table(new W.TableRow(
            new W.TableCell(OfficeFixtures.Paragraph("SSN")),
            new W.TableCell(OfficeFixtures.Paragraph("219099999")),
            new W.TableCell(OfficeFixtures.Paragraph("Invoice")),
            new W.TableCell(OfficeFixtures.Paragraph("123456789"))))));

        var (outcome, output) = await SanitizerHarness.RunAsync("table.docx", input);

        var text = OfficeFixtures.AllText(output, ".docx");
        Assert.Contains("[SSN]", text, StringComparison.Ordinal);
        Assert.DoesNotContain("219099999", text, StringComparison.Ordinal);
        Assert.Contains("123456789", text, StringComparison.Ordinal);
        Assert.Equal(1, outcome.CountsByType[PiiTypes.Ssn]);
    }

    [Fact]
    public async Task SanitizeAsync_Xlsx_RedactsSharedAndInlineStringsKeepsNumbers()
    {
        var input = OfficeFixtures.Xlsx(["name", "bob@example.com", "IBAN GB82 WEST 1234 5698 7654 32"], "SSN 219-09-9999", 1234.5);

        var (outcome, output) = await SanitizerHarness.RunAsync("sheet.xlsx", input);

        Assert.True(outcome.IsSanitized, outcome.QuarantineReason);
        var text = OfficeFixtures.AllText(output, ".xlsx");
        Assert.Contains("[EMAIL]", text, StringComparison.Ordinal);
        Assert.Contains("IBAN [IBAN]", text, StringComparison.Ordinal);
        Assert.Contains("SSN [SSN]", text, StringComparison.Ordinal);
        Assert.Contains("1234.5", text, StringComparison.Ordinal);
        Assert.DoesNotContain("bob@", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SanitizeAsync_XlsxPiiHeaderColumns_RedactedWholeIncludingNumbers()
    {
        var input = OfficeFixtures.XlsxRows(
            ["Customer Name", "SSN", "Phone", "Amount", "Notes"],
            ["Jane Roe", 123456789d, 2125550100d, 12.5d, "call 212-555-0100"],
            ["John Doe", "219-09-9999", "", 7d, "none"]);

        var (outcome, output) = await SanitizerHarness.RunAsync("people.xlsx", input);

        Assert.True(outcome.IsSanitized, outcome.QuarantineReason);
        using var document = SpreadsheetDocument.Open(new MemoryStream(output), false);
        var cells = document.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Cell>()
            .ToDictionary(c => c.CellReference!.Value!, c => c.InlineString?.InnerText ?? c.CellValue?.Text ?? "");
        Assert.Equal("[NAME]", cells["A2"]);
        Assert.Equal("[SSN]", cells["B2"]);
        Assert.Equal("[PHONE]", cells["C2"]);
        Assert.Equal("12.5", cells["D2"]);
        Assert.Equal("[SSN]", cells["B3"]);
        Assert.Equal(2, outcome.CountsByType[PiiTypes.Ssn]);
        Assert.Equal(2, outcome.CountsByType[PiiTypes.Phone]);
        var text = OfficeFixtures.AllText(output, ".xlsx");
        Assert.Contains("call [PHONE]", text, StringComparison.Ordinal);
        Assert.Contains("Customer Name", text, StringComparison.Ordinal);
        AssertNoSecretInAnyEntry(output, "Jane Roe", "John Doe", "219-09-9999", "123456789");
    }

    [Fact]
    public async Task SanitizeAsync_XlsxHeaderFooterAndStringFormulaResult_Redacted()
    {
        var input = OfficeFixtures.XlsxRows(["note"], ["plain"]);
        using (var stream = new MemoryStream())
        {
            stream.Write(input);
            using (var document = SpreadsheetDocument.Open(stream, true))
            {
                var worksheet = document.WorkbookPart!.WorksheetParts.Single().Worksheet;
                worksheet.GetFirstChild<S.SheetData>()!.Append(new S.Row(new S.Cell
                {
                    CellReference = "A3",
                    DataType = S.CellValues.String,
                    CellFormula = new S.CellFormula("CONCAT(\"x\",\"@example.com\")"),
                    CellValue = new S.CellValue("x@example.com"),
                }) { RowIndex = 3 });
                worksheet.Append(new S.HeaderFooter(new S.OddHeader("Prepared by jane@example.com")));
            }

            input = stream.ToArray();
        }

        var (outcome, output) = await SanitizerHarness.RunAsync("calc.xlsx", input);

        Assert.True(outcome.IsSanitized, outcome.QuarantineReason);
        Assert.Equal(2, outcome.CountsByType[PiiTypes.Email]);
        AssertNoSecretInAnyEntry(output, "jane@example.com", ">x@example.com<");
    }

    [Fact]
    public async Task SanitizeAsync_Pptx_RedactsSlideAndNotes()
    {
        var input = OfficeFixtures.Pptx("Call 212-555-0100 today", "Speaker: email ann@example.org");

        var (outcome, output) = await SanitizerHarness.RunAsync("deck.pptx", input);

        Assert.True(outcome.IsSanitized, outcome.QuarantineReason);
        var text = OfficeFixtures.AllText(output, ".pptx").Replace("\n", "", StringComparison.Ordinal);
        Assert.Contains("Call [PHONE] today", text, StringComparison.Ordinal);
        Assert.Contains("Speaker: email [EMAIL]", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SanitizeAsync_SameOfficeFilesTwoSecondsApart_GiveSameBytes()
    {
        var inputs = new (string Name, byte[] Content)[]
        {
            ("a.docx", RichDocx()),
            ("b.xlsx", OfficeFixtures.XlsxRows(["SSN", "note"], ["123-45-6789", "mail x@example.com"])),
            ("c.pptx", OfficeFixtures.Pptx("Call 212-555-0100", "x@example.com")),
        };

        var first = new List<byte[]>();
        foreach (var (name, content) in inputs)
        {
            first.Add((await SanitizerHarness.RunAsync(name, content)).Output);
        }

        await Task.Delay(TimeSpan.FromSeconds(2.1), TestContext.Current.CancellationToken);
        for (var k = 0; k < inputs.Length; k++)
        {
            var (_, second) = await SanitizerHarness.RunAsync(inputs[k].Name, inputs[k].Content);
            Assert.Equal(first[k], second);
        }
    }

    [Fact]
    public async Task SanitizeAsync_DocxWithThumbnail_ThumbnailRemoved()
    {
        var input = OfficeFixtures.Docx(body => body.Append(OfficeFixtures.Paragraph("text")));
        using (var stream = new MemoryStream())
        {
            stream.Write(input);
            using (var document = WordprocessingDocument.Open(stream, true))
            {
                document.AddThumbnailPart(ThumbnailPartType.Jpeg).FeedData(new MemoryStream([0xFF, 0xD8, 0xFF, 0xD9]));
            }

            input = stream.ToArray();
        }

        var (outcome, output) = await SanitizerHarness.RunAsync("thumb.docx", input);

        Assert.True(outcome.IsSanitized, outcome.QuarantineReason);
        using var zip = new ZipArchive(new MemoryStream(output), ZipArchiveMode.Read);
        Assert.DoesNotContain(zip.Entries, e => e.FullName.Contains("thumbnail", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task SanitizeAsync_CorruptDocx_QuarantinedWithReason()
    {
        var input = RichDocx();
        var corrupt = input[..(input.Length / 2)];

        var (outcome, _) = await SanitizerHarness.RunAsync("broken.docx", corrupt);

        Assert.False(outcome.IsSanitized);
        Assert.Equal("not a valid OOXML package (unreadable zip)", outcome.QuarantineReason);
    }

    [Fact]
    public async Task SanitizeAsync_ZipWithoutDocument_QuarantinedAsUnparseable()
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(zip.CreateEntry("[Content_Types].xml").Open());
            writer.Write("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
        }

        var (outcome, _) = await SanitizerHarness.RunAsync("hollow.docx", stream.ToArray());

        Assert.False(outcome.IsSanitized);
        Assert.Equal("not a valid OOXML document (no main part)", outcome.QuarantineReason);
    }

    [Fact]
    public async Task SanitizeAsync_ZipBombInsideDocx_QuarantinedBeforeParsing()
    {
        var input = RichDocx();
        using var stream = new MemoryStream();
        stream.Write(input);
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            using var bomb = zip.CreateEntry("word/media/bomb.bin", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (var k = 0; k < 64; k++)
            {
                bomb.Write(zeros);
            }
        }

        var (outcome, output) = await SanitizerHarness.RunAsync("bomb.docx", stream.ToArray());

        Assert.False(outcome.IsSanitized);
        Assert.Equal("package entry compression ratio above 100 (zip bomb suspected; DriveSync:Sanitizer:MaxCompressionRatio)", outcome.QuarantineReason);
        Assert.Empty(output);
    }

    [Fact]
    public async Task SanitizeAsync_DecompressedSizeOverLimit_Quarantined()
    {
        var options = new SanitizerOptions { MaxDecompressedBytes = 2048 };

        var (outcome, _) = await SanitizerHarness.RunAsync("big.docx", RichDocx(), options);

        Assert.Equal("package decompresses to more than 2048 bytes (DriveSync:Sanitizer:MaxDecompressedBytes)", outcome.QuarantineReason);
    }

    [Fact]
    public async Task SanitizeAsync_TooManyEntries_Quarantined()
    {
        var options = new SanitizerOptions { MaxPackageEntries = 3 };

        var (outcome, _) = await SanitizerHarness.RunAsync("many.docx", RichDocx(), options);

        Assert.Equal("package has more than 3 entries (DriveSync:Sanitizer:MaxPackageEntries)", outcome.QuarantineReason);
    }

    [Fact]
    public async Task SanitizeAsync_ZeroByteDocx_QuarantinedAsEmpty()
    {
        var (outcome, _) = await SanitizerHarness.RunAsync("empty.docx", []);

        Assert.Equal("empty file (0 bytes)", outcome.QuarantineReason);
    }

    private static void AssertNoSecretInAnyEntry(byte[] package, params string[] secrets)
    {
        using var zip = new ZipArchive(new MemoryStream(package), ZipArchiveMode.Read);
        foreach (var entry in zip.Entries)
        {
            using var reader = new StreamReader(entry.Open());
            var content = reader.ReadToEnd();
            foreach (var secret in secrets)
            {
                Assert.False(content.Contains(secret, StringComparison.Ordinal), $"{secret} found in {entry.FullName}");
            }
        }
    }
}
