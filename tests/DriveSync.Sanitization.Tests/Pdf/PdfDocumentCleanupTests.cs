using System.Text;
using DriveSync.Sanitization.Pdf;
using DriveSync.Testing;
using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;

namespace DriveSync.Sanitization.Tests.Pdf;

/// <summary>Everything outside the page text: the info dictionary, XMP, annotations, form fields, attachments, JavaScript and outlines.</summary>
public sealed class PdfDocumentCleanupTests
{
    private static readonly PdfRedactor Redactor = new(new PdfRedactionOptions());

    [Fact]
    public async Task Redact_DocumentWithPiiOutsideThePageText_LeavesNoneOfItInTheFile()
    {
        using var cts = TestTimeout.Start();
        var input = LetterWithExtras();
        Assert.Contains(PdfFixtures.Ssn, Encoding.Latin1.GetString(input), StringComparison.Ordinal);

        var result = Redactor.Redact(input, TestDetector.Find, cts.Token);

        var raw = Encoding.Latin1.GetString(result.Output);
        foreach (var value in new[] { PdfFixtures.Ssn, PdfFixtures.Email, "Jane Doe", "alert", "attachment body" })
        {
            Assert.DoesNotContain(value, raw, StringComparison.Ordinal);
        }

        foreach (var key in new[] { "/Annot", "/AcroForm", "/EmbeddedFile", "/JavaScript", "/OpenAction", "/Outlines", "/Metadata", "/Author" })
        {
            Assert.DoesNotContain(key, raw, StringComparison.Ordinal);
        }

        Assert.Equal(2, result.AnnotationsRemoved);
        Assert.DoesNotContain(PdfFixtures.Ssn, await Pdftotext.ExtractAsync(result.Output, cts.Token), StringComparison.Ordinal);
    }

    [Fact]
    public void Redact_InfoTitleWithPii_KeepsTheTitleWithTheValueMarked()
    {
        var result = Redactor.Redact(LetterWithExtras(), TestDetector.Find, TestContext.Current.CancellationToken);

        var document = PdfReader.Open(new MemoryStream(result.Output), PdfDocumentOpenMode.Import);
        Assert.Equal("Notice for [SSN]", document.Info.Title);
        Assert.Equal("", document.Info.Author);
        Assert.Equal("DriveSync PDF redactor", document.Info.Producer);
        Assert.Equal(2, result.CountsByType["SSN"]);
        Assert.Equal(1, result.CountsByType["EMAIL"]);
    }

    [Fact]
    public async Task Redact_MarkedContentWithActualText_DropsThePropertiesAndKeepsTheShownText()
    {
        using var cts = TestTimeout.Start();
        var builder = new PdfFixtureBuilder().WithHelvetica();
        builder.AddPage("/Span <</ActualText (SSN " + PdfFixtures.Ssn + ") /MCID 0>> BDC BT /F1 12 Tf 72 700 Td (Shown words) Tj ET EMC\n"
            + "/Note <</Alt (" + PdfFixtures.Email + ")>> DP");

        var result = Redactor.Redact(builder.Save(), TestDetector.Find, cts.Token);

        var document = PdfReader.Open(new MemoryStream(result.Output), PdfDocumentOpenMode.Import);
        var contents = (PdfDictionary)((PdfSharp.Pdf.Advanced.PdfReference)document.Pages[0].Elements["/Contents"]!).Value;
        var content = Encoding.Latin1.GetString(contents.Stream.UnfilteredValue);
        Assert.DoesNotContain(PdfFixtures.Ssn, content, StringComparison.Ordinal);
        Assert.DoesNotContain(PdfFixtures.Email, content, StringComparison.Ordinal);
        Assert.Contains("/Span BMC", content, StringComparison.Ordinal);
        Assert.Contains("/Note MP", content, StringComparison.Ordinal);
        Assert.Equal("Shown words", (await Pdftotext.ExtractAsync(result.Output, cts.Token)).Trim());
    }

    [Fact]
    public async Task Redact_ActualTextOverARemovedGlyph_IsDroppedAndBenignActualTextIsKept()
    {
        using var cts = TestTimeout.Start();
        var builder = new PdfFixtureBuilder().WithHelvetica();
        builder.AddPage("BT /F1 12 Tf 72 700 Td (Mail ) Tj /Span <</ActualText (jane.doe@example.com)>> BDC (jane.doe@example.com) Tj EMC ET\n"
            + "BT /F1 12 Tf 72 680 Td /Span <</ActualText (office)>> BDC (oce) Tj EMC ( hours) Tj ET");

        var result = Redactor.Redact(builder.Save(), TestDetector.Find, cts.Token);

        var document = PdfReader.Open(new MemoryStream(result.Output), PdfDocumentOpenMode.Import);
        var contents = (PdfDictionary)((PdfSharp.Pdf.Advanced.PdfReference)document.Pages[0].Elements["/Contents"]!).Value;
        var content = Encoding.Latin1.GetString(contents.Stream.UnfilteredValue);
        Assert.DoesNotContain(PdfFixtures.Email, content, StringComparison.Ordinal);
        Assert.Contains("/ActualText (office)", content, StringComparison.Ordinal);
        var text = Normalize(await Pdftotext.ExtractAsync(result.Output, cts.Token));
        Assert.Equal("Mail office hours", text);
        Assert.Equal(1, result.CountsByType["EMAIL"]);
    }

    private static string Normalize(string text) => PdfRedactorTests.Normalize(text);

    private static byte[] LetterWithExtras()
    {
        var builder = new PdfFixtureBuilder().WithHelvetica();
        var page = builder.AddPage(new PdfContentBuilder().Text("F1", 12, 72, 700, "Your SSN " + PdfFixtures.Ssn + " is on file.").ToString());
        var document = builder.Document;
        document.Info.Title = "Notice for " + PdfFixtures.Ssn;
        document.Info.Author = "Jane Doe";
        document.Info.Subject = "Contact " + PdfFixtures.Email;

        var note = builder.NewObject();
        note.Elements["/Type"] = new PdfName("/Annot");
        note.Elements["/Subtype"] = new PdfName("/Text");
        note.Elements["/Rect"] = builder.Parse("[72 600 92 620]");
        note.Elements["/Contents"] = new PdfString("Reviewer note: SSN " + PdfFixtures.Ssn);

        var widget = builder.NewObject();
        widget.Elements["/Type"] = new PdfName("/Annot");
        widget.Elements["/Subtype"] = new PdfName("/Widget");
        widget.Elements["/FT"] = new PdfName("/Tx");
        widget.Elements["/T"] = new PdfString("ssn");
        widget.Elements["/V"] = new PdfString(PdfFixtures.Ssn);
        widget.Elements["/Rect"] = builder.Parse("[72 500 272 520]");
        widget.Elements["/P"] = page.Reference;
        page.Elements["/Annots"] = builder.Array(note.Reference!, widget.Reference!);

        var form = new PdfDictionary(document);
        form.Elements["/Fields"] = builder.Array(widget.Reference!);
        document.Internals.Catalog.Elements["/AcroForm"] = form;

        var attachment = builder.Stream(Encoding.ASCII.GetBytes("attachment body " + PdfFixtures.Ssn));
        attachment.Elements["/Type"] = new PdfName("/EmbeddedFile");
        var fileSpec = builder.NewObject();
        fileSpec.Elements["/Type"] = new PdfName("/Filespec");
        fileSpec.Elements["/F"] = new PdfString("ssn.txt");
        fileSpec.Elements["/EF"] = builder.Parse("<<>>");
        ((PdfDictionary)fileSpec.Elements["/EF"]!).Elements["/F"] = attachment.Reference;
        var names = new PdfDictionary(document);
        var embedded = new PdfDictionary(document);
        embedded.Elements["/Names"] = builder.Array(new PdfString("ssn.txt"), fileSpec.Reference!);
        names.Elements["/EmbeddedFiles"] = embedded;
        document.Internals.Catalog.Elements["/Names"] = names;

        var script = builder.NewObject();
        script.Elements["/S"] = new PdfName("/JavaScript");
        script.Elements["/JS"] = new PdfString("app.alert('" + PdfFixtures.Ssn + "')");
        document.Internals.Catalog.Elements["/OpenAction"] = script.Reference;

        var outline = builder.NewObject();
        outline.Elements["/Title"] = new PdfString("Bookmark " + PdfFixtures.Ssn);
        var outlines = builder.NewObject();
        outlines.Elements["/Type"] = new PdfName("/Outlines");
        outlines.Elements["/First"] = outline.Reference;
        outlines.Elements["/Last"] = outline.Reference;
        outline.Elements["/Parent"] = outlines.Reference;
        document.Internals.Catalog.Elements["/Outlines"] = outlines.Reference;

        document.Options.CompressContentStreams = false;
        return builder.Save();
    }
}
