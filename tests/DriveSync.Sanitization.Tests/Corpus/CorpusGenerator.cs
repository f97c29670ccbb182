using System.Net;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using A = DocumentFormat.OpenXml.Drawing;
using P = DocumentFormat.OpenXml.Presentation;
using S = DocumentFormat.OpenXml.Spreadsheet;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace DriveSync.Sanitization.Tests.Corpus;

/// <summary>
/// Generates the labelled corpus deterministically (fixed seed): every supported format, each document with planted
/// SSNs, e-mails, phones, cards and IBANs in varied formats, and planted look-alikes (dates, times, money, ZIP codes,
/// form and line numbers, tax years, 16-digit order numbers failing Luhn, versions, UUIDs, hashes, timestamps,
/// invalid SSNs and IBANs).
/// </summary>
internal static class CorpusGenerator
{
    public static readonly string[] Formats = [".txt", ".md", ".log", ".csv", ".tsv", ".json", ".html", ".xml", ".eml", ".docx", ".xlsx", ".pptx"];

    public static IReadOnlyList<CorpusDocument> Generate(int documentsPerFormat = 6, int recordsPerDocument = 12, int seed = 20251125)
    {
        var faker = new PiiFaker(seed);
        var documents = new List<CorpusDocument>();
        foreach (var format in Formats)
        {
            for (var d = 0; d < documentsPerFormat; d++)
            {
                var records = Enumerable.Range(0, recordsPerDocument).Select(_ => Record.Create(faker)).ToList();
                var name = $"corpus-{format.TrimStart('.')}-{d:00}{format}";
                var blocks = LineFormats.Contains(format);
                var tables = TableFormats.Contains(format);
                documents.Add(new CorpusDocument(
                    name,
                    Render(format, records),
                    [.. records.SelectMany(r => r.Pii.Concat(blocks ? r.BlockPii : []).Concat(tables ? TablePii(r.Payer) : []))],
                    [.. records.SelectMany(r => r.LookAlikes.Concat(tables ? [r.Payer.Order] : []))]));
            }
        }

        return documents;
    }

    /// <summary>Formats whose text has lines: each record also brings a letter block (address block, greeting, signature).</summary>
    private static readonly HashSet<string> LineFormats = [".txt", ".md", ".log", ".eml"];

    /// <summary>Formats with tables: each record also brings a payer row (name, bare ten-digit phone, order id, street).</summary>
    private static readonly HashSet<string> TableFormats = [".csv", ".tsv", ".md", ".html", ".xlsx", ".docx"];

    private static IEnumerable<PlantedValue> TablePii(Person p) => [new(PiiTypes.Name, p.Name), new(PiiTypes.Phone, p.Phone), new(PiiTypes.Address, p.Street)];

    private static string Lines(List<Record> records, string newline) =>
        string.Join(newline, records.Select(r => r.Sentences + newline + r.LookAlikeSentence + newline + newline + r.Block.Replace("\n", newline, StringComparison.Ordinal) + newline));

    private static string PipeTable(List<Record> records) =>
        "| Customer | Order | Phone | Street | Status |\n|---|---:|---|---|---|\n" +
        string.Concat(records.Select(r => $"| {r.Payer.Name} | {r.Payer.Order} | {r.Payer.Phone} | {r.Payer.Street} | open |\n"));

    private static byte[] Render(string format, List<Record> records) => format switch
    {
        ".csv" => Utf8(Delimited(records, ',')),
        ".tsv" => Utf8(Delimited(records, '\t')),
        ".json" => Utf8(Json(records)),
        ".html" => Utf8(Html(records)),
        ".xml" => Utf8(Xml(records)),
        ".eml" => Utf8(Eml(records)),
        ".docx" => Docx(records),
        ".xlsx" => Xlsx(records),
        ".pptx" => Pptx(records),
        ".md" => Utf8("# Case notes\n\n" + Lines(records, "\n") + "\n" + PipeTable(records)),
        _ => Utf8(Lines(records, "\n")),
    };

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static string Delimited(List<Record> records, char delimiter)
    {
        string Cell(string value) => delimiter == ',' && value.Contains(',', StringComparison.Ordinal) ? "\"" + value + "\"" : value;
        var builder = new StringBuilder(string.Join(delimiter, "id", "ssn", "email", "phone", "notes", "details", "payer", "primary", "order", "street")).Append("\r\n");
        var id = 1;
        foreach (var r in records)
        {
            builder.Append(string.Join(delimiter, (id++).ToString(System.Globalization.CultureInfo.InvariantCulture), Cell(r.Ssn), Cell(r.Email), Cell(r.Phone),
                Cell(r.Sentences), Cell(r.LookAlikeSentence), Cell(r.Payer.Name), r.Payer.Phone, r.Payer.Order, Cell(r.Payer.Street))).Append("\r\n");
        }

        return builder.ToString();
    }

    private static string Json(List<Record> records) => "{\"records\": [\n" + string.Join(",\n", records.Select(r =>
        $"  {{\"ssn\": \"{r.Ssn}\", \"contact\": {{\"email\": \"{r.Email}\", \"phone\": \"{r.Phone}\"}}, \"note\": \"{r.Sentences}\", \"audit\": \"{r.LookAlikeSentence}\"}}")) + "\n]}\n";

    private static string Html(List<Record> records) => "<!DOCTYPE html>\n<html><body><table>\n<tr><th>Notes</th><th>Contact</th><th>Audit</th><th>Employee</th><th>Order</th><th>Street</th></tr>\n" + string.Join("\n", records.Select(r =>
        $"<tr><td title=\"SSN {WebUtility.HtmlEncode(r.Ssn)}\">{WebUtility.HtmlEncode(r.Sentences)}</td><td><a href=\"mailto:{r.Email2}\">write</a></td><td>{WebUtility.HtmlEncode(r.LookAlikeSentence)}</td>" +
        $"<td>{r.Payer.Name}</td><td>{r.Payer.Order}</td><td>{r.Payer.Street}</td></tr>\n<tr><th>Phone</th><td>{r.Payer.Phone}</td></tr>")) + "\n</table></body></html>\n";

    private static string Xml(List<Record> records) => "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<records>\n" + string.Join("\n", records.Select(r =>
        $"  <record ssn=\"{r.Ssn}\"><contact email=\"{r.Email2}\">{WebUtility.HtmlEncode(r.Sentences)}</contact><audit>{WebUtility.HtmlEncode(r.LookAlikeSentence)}</audit></record>")) + "\n</records>\n";

    private static string Eml(List<Record> records) =>
        $"From: Case Office <{records[0].Email2}>\r\nTo: {records[0].Email}\r\nSubject: Case update\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" +
        Lines(records, "\r\n");

    private static byte[] Docx(List<Record> records)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var body = new W.Body();
            var k = 0;
            foreach (var r in records)
            {
                body.Append(SplitParagraph(r.Sentences, k++));
                body.Append(new W.Paragraph(new W.Run(new W.Text(r.LookAlikeSentence) { Space = SpaceProcessingModeValues.Preserve })));
            }

            body.Append(new W.Table([
                TableRow("Payer", "Order", "Phone", "Street"),
                .. records.Select(r => TableRow(r.Payer.Name, r.Payer.Order, r.Payer.Phone, r.Payer.Street))]));

            main.Document = new W.Document(body);
        }

        return stream.ToArray();
    }

    private static W.TableRow TableRow(params string[] cells) =>
        new([.. cells.Select(c => new W.TableCell(new W.Paragraph(new W.Run(new W.Text(c) { Space = SpaceProcessingModeValues.Preserve }))))]);

    private static W.Paragraph SplitParagraph(string text, int seed)
    {
        var cuts = new[] { (seed * 7 % 23) + 10, (seed * 13 % 41) + 40, (seed * 17 % 37) + 90 }.Where(c => c < text.Length).Distinct().Order().ToList();
        var paragraph = new W.Paragraph();
        var from = 0;
        foreach (var cut in cuts.Append(text.Length))
        {
            paragraph.Append(new W.Run(new W.Text(text[from..cut]) { Space = SpaceProcessingModeValues.Preserve }));
            from = cut;
        }

        return paragraph;
    }

    private static byte[] Xlsx(List<Record> records)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new S.Workbook(new S.Sheets(new S.Sheet { Id = "rId1", SheetId = 1, Name = "Records" }));
            var strings = new List<string>();
            var sheet = workbook.AddNewPart<WorksheetPart>("rId1");
            var data = new S.SheetData();
            uint row = 1;
            string[][] rows = [
                ["SSN", "Email", "Phone", "Card", "IBAN", "Notes", "Audit", "Contact", "Primary", "Order", "Street"],
                .. records.Select(r => new[] { r.Ssn, r.Email, r.Phone, r.Card, r.Iban, r.Sentences, r.LookAlikeSentence, r.Payer.Name, r.Payer.Phone, r.Payer.Order, r.Payer.Street })];
            foreach (var cells in rows)
            {
                var excelRow = new S.Row { RowIndex = row };
                for (var c = 0; c < cells.Length; c++)
                {
                    strings.Add(cells[c]);
                    excelRow.Append(new S.Cell
                    {
                        CellReference = $"{(char)('A' + c)}{row}",
                        DataType = S.CellValues.SharedString,
                        CellValue = new S.CellValue((strings.Count - 1).ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    });
                }

                data.Append(excelRow);
                row++;
            }

            sheet.Worksheet = new S.Worksheet(data);
            var shared = workbook.AddNewPart<SharedStringTablePart>();
            shared.SharedStringTable = new S.SharedStringTable([.. strings.Select(s => new S.SharedStringItem(new S.Text(s)))]);
        }

        return stream.ToArray();
    }

    private static byte[] Pptx(List<Record> records)
    {
        using var stream = new MemoryStream();
        using (var document = PresentationDocument.Create(stream, PresentationDocumentType.Presentation))
        {
            var presentation = document.AddPresentationPart();
            var ids = new P.SlideIdList();
            presentation.Presentation = new P.Presentation(ids);
            uint id = 256;
            foreach (var r in records)
            {
                var relationship = $"rId{id}";
                ids.Append(new P.SlideId { Id = id++, RelationshipId = relationship });
                var slide = presentation.AddNewPart<SlidePart>(relationship);
                slide.Slide = new P.Slide(new P.CommonSlideData(new P.ShapeTree(Shape(r.Sentences), Shape(r.LookAlikeSentence))));
                var notes = slide.AddNewPart<NotesSlidePart>();
                notes.NotesSlide = new P.NotesSlide(new P.CommonSlideData(new P.ShapeTree(Shape($"Follow up with {r.Email2}"))));
            }
        }

        return stream.ToArray();
    }

    private static P.Shape Shape(string text) => new(
        new P.NonVisualShapeProperties(new P.NonVisualDrawingProperties { Id = 2U, Name = "Body" }, new P.NonVisualShapeDrawingProperties(), new P.ApplicationNonVisualDrawingProperties()),
        new P.ShapeProperties(),
        new P.TextBody(new A.BodyProperties(), new A.Paragraph(new A.Run(new A.Text(text)))));

    private sealed record Record(string Ssn, string Email, string Email2, string Phone, string Card, string Iban, string PiiSentence, string LookAlikeSentence,
        string IdentitySentence, string Block, Person Payer, IReadOnlyList<PlantedValue> Pii, IReadOnlyList<PlantedValue> BlockPii, IReadOnlyList<string> LookAlikes)
    {
        public static Record Create(PiiFaker f)
        {
            var ssn = f.Ssn();
            var compact = f.SsnCompact();
            string email = f.Email(), email2 = f.Email(), phone = f.Phone(), phone2 = f.Phone(), card = f.Card(), iban = f.Iban();
            var pii = $"Taxpayer SSN {ssn} (prior record SSN: {compact}). Reach {email} or {phone2}, alternate {email2} / {phone}. Card on file {card}, refund to IBAN {iban}.";
            string order = f.OrderNumber(), date = f.Date(), time = f.Time(), money = f.Money(), zip = f.Zip(), form = f.FormNumber(), year = f.TaxYear(),
                version = f.Version(), uuid = f.Uuid(), hash = f.Hash(), stamp = f.Timestamp(), epoch = f.Epoch(), notSsn = f.NotAnSsn(), badIban = f.BadIban(),
                plainOrder = f.OrderNumber(), iso = f.IsoDate();
            var lookAlike = $"Order {order} placed {date} at {time} for {money}, ZIP {zip}; see {form} for tax year {year}. Build {version} ref {uuid} sha256 {hash} at {stamp} epoch {epoch}. Batch {plainOrder} due {iso}. Void ids {notSsn} and {badIban}.";
            var suite = $"Suite 200 v{version}";
            var streetLike = "Take Route 66 to the Ocean Drive 2 speaker outlet";
            var company = "Dear Valued Customer, Acme Corp thanks you";
            lookAlike += $" {streetLike}; {suite}; {company}.";

            string payerName = f.FullName(), labelled = f.FullName(), titleSurname = f.Surname(), title = f.Title(), dl = f.DriverLicense(), address = f.Address();
            var dlForm = f.Pick(new[] { $"Driver's License ({f.State()}) #: {dl}", $"DL No. {dl}", $"Driver License: {dl}", $"DLN ({f.State()}) {dl}", $"driver's licence number {dl}" });
            var identity = $"Payer: {payerName} at {address}; {dlForm}. Name (legal): {labelled}. Dear {title} {titleSurname}, your file is ready.";

            string blockName = f.FullName(), street = f.Street(), greeted = f.FullName(), signer = f.FullName();
            var block = $"{blockName.ToUpperInvariant()}\n{street.ToUpperInvariant()}\n{f.CityLine().Replace(",", "", StringComparison.Ordinal).ToUpperInvariant()}\n\nDear {greeted},\nYour notice is enclosed.\n\nSincerely,\n{signer}\nClaims Office";
            var payer = new Person(f.FullName(), f.BarePhone(), f.OrderId(), f.Street());
            return new Record(ssn, email, email2, phone, card, iban, pii, lookAlike, identity, block, payer,
                [
                    new(PiiTypes.Ssn, ssn), new(PiiTypes.Ssn, compact), new(PiiTypes.Email, email), new(PiiTypes.Email, email2),
                    new(PiiTypes.Phone, phone), new(PiiTypes.Phone, phone2), new(PiiTypes.Card, card), new(PiiTypes.Iban, iban),
                    new(PiiTypes.Name, payerName), new(PiiTypes.Address, address), new(PiiTypes.DriverLicense, dl), new(PiiTypes.Name, labelled),
                    new(PiiTypes.Name, titleSurname),
                ],
                [
                    new(PiiTypes.Name, blockName.ToUpperInvariant()), new(PiiTypes.Address, street.ToUpperInvariant()),
                    new(PiiTypes.Name, greeted), new(PiiTypes.Name, signer),
                ],
                [order, date, time, money, zip, form, year, version, uuid, hash, stamp, epoch, notSsn, badIban, plainOrder, iso, "Route 66", "Ocean Drive 2 speaker", suite, company]);
        }

        /// <summary>The PII sentences of this record.</summary>
        public string Sentences => PiiSentence + " " + IdentitySentence;
    }

    /// <summary>A row of the payer tables: name, bare ten-digit phone, ten-digit order id (a look-alike), street.</summary>
    private sealed record Person(string Name, string Phone, string Order, string Street);
}
