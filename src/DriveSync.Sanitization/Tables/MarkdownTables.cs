using System.Runtime.CompilerServices;
using DriveSync.Sanitization.Detection;

namespace DriveSync.Sanitization.Tables;

/// <summary>Markdown pipe tables: a header line, a separator line (<c>|---|:--:|</c>) and the body lines with pipes below.</summary>
internal static class MarkdownTables
{
    /// <summary>Appends the PII cells of every table in <paramref name="text"/> whose cells start at or after <paramref name="minStart"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Scan(ReadOnlySpan<char> text, int minStart, IReadOnlyDictionary<string, string> extraColumns, List<PiiMatch> results)
    {
        var p = 0;
        while (p < text.Length)
        {
            var k = text[p..].IndexOf('|');
            if (k < 0)
            {
                return;
            }

            var lineStart = LineStart(text, p + k);
            var lineEnd = LineEnd(text, p + k);
            p = lineEnd + 1;
            if (!IsSeparator(text[lineStart..lineEnd]) || lineStart == 0)
            {
                continue;
            }

            var headerStart = LineStart(text, lineStart - 1);
            var header = text[headerStart..(lineStart - 1)];
            if (header.IndexOf('|') < 0)
            {
                continue;
            }

            var grid = new TableGrid(extraColumns) { Header = Cells(text, headerStart, lineStart - 1) };
            var row = lineEnd + 1;
            while (row < text.Length)
            {
                var rowEnd = LineEnd(text, row);
                if (text[row..rowEnd].IndexOf('|') < 0)
                {
                    break;
                }

                grid.AddRow(Cells(text, row, rowEnd));
                row = rowEnd + 1;
            }

            grid.Emit(text, minStart, results);
            p = row;
        }
    }

    private static int LineStart(ReadOnlySpan<char> text, int at) => text[..at].LastIndexOf('\n') + 1;

    private static int LineEnd(ReadOnlySpan<char> text, int at)
    {
        var k = text[at..].IndexOf('\n');
        var end = k < 0 ? text.Length : at + k;
        return end > at && text[end - 1] == '\r' ? end - 1 : end;
    }

    /// <summary>A line of pipes, dashes (at least three per cell), colons and spaces with at least one pipe.</summary>
    private static bool IsSeparator(ReadOnlySpan<char> line)
    {
        line = line.Trim();
        if (line.Length < 4 || line.ContainsAnyExcept("|-: \t"))
        {
            return false;
        }

        return line.IndexOf("---", StringComparison.Ordinal) >= 0;
    }

    private static List<TableGrid.Cell> Cells(ReadOnlySpan<char> text, int start, int end)
    {
        var cells = new List<TableGrid.Cell>();
        var line = text[start..end];
        var from = 0;
        var lead = line.TrimStart();
        if (lead.Length > 0 && lead[0] == '|')
        {
            from = line.IndexOf('|') + 1;
        }

        var trail = line.TrimEnd();
        var to = trail.Length > 0 && trail[^1] == '|' && trail.Length - 1 >= from ? trail.Length - 1 : line.Length;
        var s = from;
        for (var j = from; j <= to; j++)
        {
            if (j == to || (line[j] == '|' && (j == 0 || line[j - 1] != '\\')))
            {
                cells.Add(new TableGrid.Cell([(start + s)..(start + j)]));
                s = j + 1;
            }
        }

        return cells;
    }
}
