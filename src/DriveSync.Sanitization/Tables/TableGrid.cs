using DriveSync.Sanitization.Detection;
using DriveSync.Sanitization.Text;

namespace DriveSync.Sanitization.Tables;

/// <summary>
/// A table read out of text (Markdown or HTML): a header row, body rows, and for each cell the ranges of its text.
/// It types the columns with <see cref="TableColumns"/> and turns the cells of PII columns — and the cell after a label
/// cell (<c>| Name | Jane Roe |</c>, <c>&lt;th&gt;Phone&lt;/th&gt;&lt;td&gt;…</c>) — into matches.
/// </summary>
internal sealed class TableGrid(IReadOnlyDictionary<string, string> extraColumns)
{
    private readonly List<List<Cell>> rows = [];

    /// <summary>The header row's cells, or null when the table has none.</summary>
    public List<Cell>? Header { get; set; }

    /// <summary>Adds a body row.</summary>
    public void AddRow(List<Cell> cells) => rows.Add(cells);

    /// <summary>Appends a match for each PII cell's text that starts at or after <paramref name="minStart"/>.</summary>
    public void Emit(ReadOnlySpan<char> text, int minStart, List<PiiMatch> results)
    {
        var types = Header is null ? [] : ColumnTypes(text);
        foreach (var row in rows)
        {
            string? labelled = null;
            for (var c = 0; c < row.Count; c++)
            {
                var cell = row[c];
                var value = cell.Text(text);
                var type = labelled ?? (c < types.Length ? types[c] : null);
                labelled = null;
                if (type is not null && !value.IsWhiteSpace())
                {
                    foreach (var range in cell.Ranges)
                    {
                        AddTrimmed(text, range, type, minStart, results);
                    }

                    continue;
                }

                if (value.Length <= 40 && PiiColumns.TypeOf(value, extraColumns) is { } label && c + 1 < row.Count
                    && PiiColumns.TypeOf(row[c + 1].Text(text), extraColumns) is null)
                {
                    labelled = label;
                }
            }
        }
    }

    private string?[] ColumnTypes(ReadOnlySpan<char> text)
    {
        var header = Header!;
        var types = new string?[header.Count];
        for (var c = 0; c < header.Count; c++)
        {
            var samples = new List<string>();
            foreach (var row in rows.Take(TableColumns.SampleRows))
            {
                if (c < row.Count)
                {
                    samples.Add(row[c].Text(text));
                }
            }

            types[c] = TableColumns.TypeOf(header[c].Text(text), samples, extraColumns);
        }

        return types;
    }

    private static void AddTrimmed(ReadOnlySpan<char> text, Range range, string type, int minStart, List<PiiMatch> results)
    {
        var (start, length) = range.GetOffsetAndLength(text.Length);
        var end = start + length;
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        if (end > start && start >= minStart)
        {
            results.Add(new PiiMatch(start, end - start, type));
        }
    }

    /// <summary>One cell: the ranges of its text (one for Markdown; the runs between tags for HTML).</summary>
    internal sealed record Cell(List<Range> Ranges)
    {
        /// <summary>The cell's text, its ranges joined and trimmed.</summary>
        public string Text(ReadOnlySpan<char> text)
        {
            if (Ranges.Count == 1)
            {
                return text[Ranges[0]].Trim().ToString();
            }

            var joined = new System.Text.StringBuilder();
            foreach (var range in Ranges)
            {
                joined.Append(text[range]);
            }

            return joined.ToString().Trim();
        }
    }
}
