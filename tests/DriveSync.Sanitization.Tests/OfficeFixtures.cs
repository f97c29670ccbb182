using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using A = DocumentFormat.OpenXml.Drawing;
using P = DocumentFormat.OpenXml.Presentation;
using S = DocumentFormat.OpenXml.Spreadsheet;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace DriveSync.Sanitization.Tests;

/// <summary>Builds small Office documents in memory with the Open XML SDK.</summary>
internal static class OfficeFixtures
{
    public static byte[] Docx(Action<W.Body>? body = null, Action<MainDocumentPart>? parts = null, string? creator = "Jane Q. Public")
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.Document = new W.Document(new W.Body());
            body?.Invoke(main.Document.Body!);
            parts?.Invoke(main);
            if (creator is not null)
            {
                document.PackageProperties.Creator = creator;
                document.PackageProperties.LastModifiedBy = creator;
            }
        }

        return stream.ToArray();
    }

    public static W.Paragraph Paragraph(params string[] runs) => new([.. runs.Select(r => new W.Run(new W.Text(r) { Space = SpaceProcessingModeValues.Preserve }))]);

    public static byte[] Xlsx(string[] sharedStrings, string inlineString, double number)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new S.Workbook(new S.Sheets(new S.Sheet { Id = "rId1", SheetId = 1, Name = "Sheet1" }));
            var strings = workbook.AddNewPart<SharedStringTablePart>();
            strings.SharedStringTable = new S.SharedStringTable([.. sharedStrings.Select(s => new S.SharedStringItem(new S.Text(s)))]);
            var sheet = workbook.AddNewPart<WorksheetPart>("rId1");
            var row = new S.Row { RowIndex = 1 };
            for (var k = 0; k < sharedStrings.Length; k++)
            {
                row.Append(new S.Cell { CellReference = $"{(char)('A' + k)}1", DataType = S.CellValues.SharedString, CellValue = new S.CellValue(k.ToString(System.Globalization.CultureInfo.InvariantCulture)) });
            }

            row.Append(new S.Cell { CellReference = "Y1", DataType = S.CellValues.InlineString, InlineString = new S.InlineString(new S.Text(inlineString)) });
            row.Append(new S.Cell { CellReference = "Z1", CellValue = new S.CellValue(number) });
            sheet.Worksheet = new S.Worksheet(new S.SheetData(row));
        }

        return stream.ToArray();
    }

    /// <summary>A one-sheet workbook; strings become shared strings, doubles numbers.</summary>
    public static byte[] XlsxRows(params object[][] rows)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new S.Workbook(new S.Sheets(new S.Sheet { Id = "rId1", SheetId = 1, Name = "Sheet1" }));
            var strings = new List<string>();
            var data = new S.SheetData();
            for (var r = 0; r < rows.Length; r++)
            {
                var row = new S.Row { RowIndex = (uint)(r + 1) };
                for (var c = 0; c < rows[r].Length; c++)
                {
                    var cell = new S.Cell { CellReference = $"{(char)('A' + c)}{r + 1}" };
                    if (rows[r][c] is string text)
                    {
                        strings.Add(text);
                        cell.DataType = S.CellValues.SharedString;
                        cell.CellValue = new S.CellValue((strings.Count - 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        cell.CellValue = new S.CellValue((double)rows[r][c]);
                    }

                    row.Append(cell);
                }

                data.Append(row);
            }

            workbook.AddNewPart<WorksheetPart>("rId1").Worksheet = new S.Worksheet(data);
            workbook.AddNewPart<SharedStringTablePart>().SharedStringTable = new S.SharedStringTable([.. strings.Select(s => new S.SharedStringItem(new S.Text(s)))]);
        }

        return stream.ToArray();
    }

    public static byte[] Pptx(string slideText, string notesText)
    {
        using var stream = new MemoryStream();
        using (var document = PresentationDocument.Create(stream, PresentationDocumentType.Presentation))
        {
            var presentation = document.AddPresentationPart();
            presentation.Presentation = new P.Presentation(new P.SlideIdList(new P.SlideId { Id = 256U, RelationshipId = "rId2" }));
            var slide = presentation.AddNewPart<SlidePart>("rId2");
            slide.Slide = new P.Slide(new P.CommonSlideData(new P.ShapeTree(TextShape(slideText))));
            var notes = slide.AddNewPart<NotesSlidePart>();
            notes.NotesSlide = new P.NotesSlide(new P.CommonSlideData(new P.ShapeTree(TextShape(notesText))));
        }

        return stream.ToArray();
    }

    private static P.Shape TextShape(string text) => new(
        new P.NonVisualShapeProperties(new P.NonVisualDrawingProperties { Id = 2U, Name = "Text" }, new P.NonVisualShapeDrawingProperties(), new P.ApplicationNonVisualDrawingProperties()),
        new P.ShapeProperties(),
        new P.TextBody(new A.BodyProperties(), new A.Paragraph(new A.Run(new A.Text(text.Substring(0, text.Length / 2))), new A.Run(new A.Text(text.Substring(text.Length / 2))))));

    /// <summary>Every text element's text in every XML part, joined by newlines, plus the core properties.</summary>
    public static string AllText(byte[] package, string extension)
    {
        using var stream = new MemoryStream(package);
        using OpenXmlPackage document = extension switch
        {
            ".docx" => WordprocessingDocument.Open(stream, false),
            ".xlsx" => SpreadsheetDocument.Open(stream, false),
            _ => PresentationDocument.Open(stream, false),
        };
        var texts = document.GetAllParts()
            .Where(p => p.RootElement is not null)
            .SelectMany(p => p.RootElement!.Descendants<OpenXmlLeafTextElement>())
            .Select(t => t.Text);
        var properties = document.PackageProperties;
        return string.Join("\n", texts.Append(properties.Creator ?? "").Append(properties.LastModifiedBy ?? ""));
    }
}
