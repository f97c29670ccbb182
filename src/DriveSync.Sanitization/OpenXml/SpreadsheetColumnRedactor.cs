using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DriveSync.Sanitization.Redaction;
using TableColumns = DriveSync.Sanitization.Tables.TableColumns;

namespace DriveSync.Sanitization.OpenXml;

/// <summary>
/// Redacts whole spreadsheet columns whose header (the first non-empty row) names PII or whose values look like one PII
/// type (<see cref="TableColumns"/>), like CSV columns:
/// each non-empty cell below becomes an inline string with the replacement, numbers and formulas included.
/// </summary>
internal sealed class SpreadsheetColumnRedactor(TextRedactor redactor, RedactionCounts counts, IReadOnlyDictionary<string, string> extraColumns)
{
    public void Redact(SpreadsheetDocument document)
    {
        var workbook = document.WorkbookPart;
        if (workbook is null)
        {
            return;
        }

        var table = workbook.SharedStringTablePart?.SharedStringTable;
        var shared = table?.Elements<SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
        var released = new HashSet<int>();
        foreach (var sheet in workbook.WorksheetParts)
        {
            if (sheet.Worksheet?.GetFirstChild<SheetData>() is { } data && RedactSheet(data, shared, released))
            {
                sheet.Worksheet.Save();
            }
        }

        if (table is not null && released.Count > 0)
        {
            ClearOrphans(workbook, table, released);
        }
    }

    /// <summary>Empties the shared strings that only replaced cells used, so their values do not stay in the package.</summary>
    private static void ClearOrphans(WorkbookPart workbook, SharedStringTable table, HashSet<int> released)
    {
        foreach (var cell in workbook.WorksheetParts.SelectMany(p => p.Worksheet?.Descendants<Cell>() ?? []))
        {
            if (cell.DataType?.Value == CellValues.SharedString && int.TryParse(cell.CellValue?.Text, out var index))
            {
                released.Remove(index);
            }
        }

        var items = table.Elements<SharedStringItem>().ToList();
        foreach (var index in released)
        {
            items[index].RemoveAllChildren();
            items[index].Append(new DocumentFormat.OpenXml.Spreadsheet.Text(""));
        }

        table.Save();
    }

    private bool RedactSheet(SheetData data, List<string> shared, HashSet<int> released)
    {
        var rows = data.Elements<Row>().ToList();
        var headerIndex = rows.FindIndex(r => r.Elements<Cell>().Any(c => CellText(c, shared).Length > 0));
        if (headerIndex < 0)
        {
            return false;
        }

        var samples = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var row in rows.Skip(headerIndex + 1).Take(TableColumns.SampleRows))
        {
            var at = 0;
            foreach (var cell in row.Elements<Cell>())
            {
                var column = Column(cell, at++);
                if (!samples.TryGetValue(column, out var values))
                {
                    samples[column] = values = [];
                }

                values.Add(CellText(cell, shared));
            }
        }

        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        var position = 0;
        foreach (var cell in rows[headerIndex].Elements<Cell>())
        {
            var column = Column(cell, position++);
            if (TableColumns.TypeOf(CellText(cell, shared), samples.GetValueOrDefault(column) ?? [], extraColumns) is { } type)
            {
                types[column] = type;
            }
        }

        if (types.Count == 0)
        {
            return false;
        }

        var changed = false;
        foreach (var row in rows.Skip(headerIndex + 1))
        {
            position = 0;
            foreach (var cell in row.Elements<Cell>())
            {
                if (types.TryGetValue(Column(cell, position++), out var type))
                {
                    changed |= Replace(cell, type, shared, released);
                }
            }
        }

        return changed;
    }

    private bool Replace(Cell cell, string type, List<string> shared, HashSet<int> released)
    {
        var value = CellText(cell, shared).Trim();
        if (value.Length == 0)
        {
            return false;
        }

        if (cell.DataType?.Value == CellValues.SharedString && int.TryParse(cell.CellValue?.Text, out var index) && index >= 0 && index < shared.Count)
        {
            released.Add(index);
        }

        cell.CellFormula = null;
        cell.CellValue = null;
        cell.DataType = CellValues.InlineString;
        cell.InlineString = new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(redactor.Replacement(type, value)));
        counts.Add(type);
        return true;
    }

    private static string CellText(Cell cell, List<string> shared)
    {
        if (cell.DataType?.Value == CellValues.SharedString)
        {
            return int.TryParse(cell.CellValue?.Text, out var index) && index >= 0 && index < shared.Count ? shared[index] : "";
        }

        return cell.DataType?.Value == CellValues.InlineString ? cell.InlineString?.InnerText ?? "" : cell.CellValue?.Text ?? "";
    }

    private static string Column(Cell cell, int position) =>
        cell.CellReference?.Value is { Length: > 0 } reference
            ? new string([.. reference.TakeWhile(char.IsAsciiLetter).Select(char.ToUpperInvariant)])
            : "#" + position.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
