using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace DriveSync.DriveEmulator;

/// <summary>The DOCX export of a Google Doc made by OCR conversion: a minimal document, one paragraph per line of the OCR text.</summary>
internal static class OcrDocx
{
    public static byte[] Build(string text)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var body = new Body();
            foreach (var line in Lines(text))
                body.AppendChild(new Paragraph(new Run(new Text(line) { Space = SpaceProcessingModeValues.Preserve })));
            if (!body.HasChildren)
                body.AppendChild(new Paragraph());
            main.Document = new Document(body);
        }

        return stream.ToArray();
    }

    private static IEnumerable<string> Lines(string text)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var count = lines.Length > 0 && lines[^1].Length == 0 ? lines.Length - 1 : lines.Length;
        return lines.Take(count);
    }
}
