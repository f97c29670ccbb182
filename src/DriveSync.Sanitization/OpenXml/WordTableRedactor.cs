using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DriveSync.Sanitization.Redaction;
using DriveSync.Sanitization.Tables;
using DriveSync.Sanitization.Text;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace DriveSync.Sanitization.OpenXml;

/// <summary>
/// Redacts whole cells of Word tables like CSV columns: a column whose header (the first row) names PII or whose values
/// look like one PII type (<see cref="TableColumns"/>), and the cell after a label cell ("Name" | "Jane Roe").
/// The replacement goes into the cell's first text element; the others are emptied.
/// </summary>
internal sealed class WordTableRedactor(TextRedactor redactor, RedactionCounts counts, IReadOnlyDictionary<string, string> extraColumns)
{
    public void Redact(WordprocessingDocument document)
    {
        var main = document.MainDocumentPart;
        if (main is null)
        {
            return;
        }

        IEnumerable<OpenXmlPart> parts = [main, .. main.HeaderParts, .. main.FooterParts];
        foreach (var part in parts)
        {
            if (part.RootElement is { } root && root.Descendants<W.Table>().ToList() is { Count: > 0 } tables)
            {
                var changed = false;
                foreach (var table in tables)
                {
                    changed |= RedactTable(table);
                }

                if (changed)
                {
                    root.Save();
                }
            }
        }
    }

    private bool RedactTable(W.Table table)
    {
        var rows = table.Elements<W.TableRow>().Select(r => r.Elements<W.TableCell>().ToList()).Where(r => r.Count > 0).ToList();
        if (rows.Count < 2)
        {
            return false;
        }

        var header = rows[0];
        var types = new string?[header.Count];
        for (var c = 0; c < header.Count; c++)
        {
            var samples = rows.Skip(1).Take(TableColumns.SampleRows).Select(r => c < r.Count ? CellText(r[c]) : "").ToList();
            types[c] = TableColumns.TypeOf(CellText(header[c]), samples, extraColumns);
        }

        var changed = false;
        foreach (var row in rows.Skip(1))
        {
            string? labelled = null;
            for (var c = 0; c < row.Count; c++)
            {
                var text = CellText(row[c]);
                var type = labelled ?? (c < types.Length ? types[c] : null);
                labelled = null;
                if (type is not null && text.Length > 0)
                {
                    Replace(row[c], type, text);
                    changed = true;
                }
                else if (text.Length <= 40 && PiiColumns.TypeOf(text, extraColumns) is { } label && c + 1 < row.Count
                    && PiiColumns.TypeOf(CellText(row[c + 1]), extraColumns) is null)
                {
                    labelled = label;
                }
            }
        }

        return changed;
    }

    private void Replace(W.TableCell cell, string type, string value)
    {
        var texts = cell.Descendants<W.Text>().ToList();
        texts[0].Text = redactor.Replacement(type, value);
        texts[0].Space = SpaceProcessingModeValues.Preserve;
        foreach (var other in texts.Skip(1))
        {
            other.Text = "";
        }

        counts.Add(type);
    }

    private static string CellText(W.TableCell cell) =>
        string.Join(" ", cell.Elements<W.Paragraph>().Select(p => string.Concat(p.Descendants<W.Text>().Select(t => t.Text)))).Trim();
}
