using System.Runtime.CompilerServices;
using System.Text;
using DriveSync.Sanitization.Detection;

namespace DriveSync.Sanitization.Tables;

/// <summary>
/// HTML <c>&lt;table&gt;</c>s: the first row made only of <c>&lt;th&gt;</c> cells is the header; in other rows a
/// label cell (<c>&lt;th&gt;SSN&lt;/th&gt;</c>, <c>&lt;td&gt;Name&lt;/td&gt;</c>) labels the cell after it.
/// Only the text between tags is matched, so the markup stays intact.
/// </summary>
internal static class HtmlTables
{
    /// <summary>Appends the PII cells of every table in <paramref name="text"/> whose text starts at or after <paramref name="minStart"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Scan(ReadOnlySpan<char> text, int minStart, IReadOnlyDictionary<string, string> extraColumns, List<PiiMatch> results)
    {
        var p = 0;
        while (p < text.Length)
        {
            var k = IndexOfTag(text[p..], "<table");
            if (k < 0)
            {
                return;
            }

            var start = p + k + 6;
            var close = IndexOfTag(text[start..], "</table");
            var end = close < 0 ? text.Length : start + close;
            Table(text, start, end, minStart, extraColumns, results);
            p = end;
        }
    }

    private static void Table(ReadOnlySpan<char> text, int start, int end, int minStart, IReadOnlyDictionary<string, string> extraColumns, List<PiiMatch> results)
    {
        var grid = new TableGrid(extraColumns);
        var sawBody = false;
        var p = start;
        while (p < end)
        {
            var k = IndexOfTag(text[p..end], "<tr");
            if (k < 0)
            {
                break;
            }

            var rowStart = p + k + 3;
            var next = IndexOfTag(text[rowStart..end], "<tr");
            var rowEnd = next < 0 ? end : rowStart + next;
            var (cells, allHeads) = Cells(text, rowStart, rowEnd);
            if (allHeads && !sawBody && grid.Header is null)
            {
                grid.Header = cells;
            }
            else if (cells.Count > 0)
            {
                grid.AddRow(cells);
                sawBody = true;
            }

            p = rowEnd;
        }

        grid.Emit(text, minStart, results);
    }

    private static (List<TableGrid.Cell> Cells, bool AllHeads) Cells(ReadOnlySpan<char> text, int start, int end)
    {
        var cells = new List<TableGrid.Cell>();
        var allHeads = true;
        var p = start;
        while (CellTag(text, p, end) is var (tagStart, isHead) && tagStart >= 0)
        {
            var gt = text[tagStart..end].IndexOf('>');
            if (gt < 0)
            {
                break;
            }

            var content = tagStart + gt + 1;
            var (nextTag, _) = CellTag(text, content, end);
            var closeAt = IndexOfTag(text[content..end], "</t");
            var contentEnd = Math.Min(nextTag < 0 ? end : nextTag, closeAt < 0 ? end : content + closeAt);
            cells.Add(new TableGrid.Cell(Runs(text, content, contentEnd)));
            allHeads &= isHead;
            p = contentEnd;
        }

        return (cells, allHeads && cells.Count > 0);
    }

    /// <summary>
    /// The first occurrence of <paramref name="tag"/> (a <c>&lt;</c> and ASCII) in <paramref name="text"/> ignoring ASCII case, or -1: the
    /// same answer as <c>IndexOf(tag, OrdinalIgnoreCase)</c> (no other character folds to the ASCII letters of a tag name), found
    /// by a vectorized search for <c>&lt;</c>, which plain text rarely holds, instead of the culture-invariant case-folding scan.
    /// </summary>
    private static int IndexOfTag(ReadOnlySpan<char> text, string tag)
    {
        var p = 0;
        while (true)
        {
            var k = text[p..].IndexOf('<');
            if (k < 0)
            {
                return -1;
            }

            var at = p + k;
            if (at + tag.Length <= text.Length && Ascii.EqualsIgnoreCase(text.Slice(at, tag.Length), tag))
            {
                return at;
            }

            p = at + 1;
        }
    }

    /// <summary>The position of the next <c>&lt;td</c> or <c>&lt;th</c> tag at or after <paramref name="from"/> and whether it is a heading, or -1.</summary>
    private static (int At, bool IsHead) CellTag(ReadOnlySpan<char> text, int from, int end)
    {
        var p = from;
        while (p < end)
        {
            var k = text[p..end].IndexOf('<');
            if (k < 0)
            {
                break;
            }

            var at = p + k;
            if (at + 3 < end && (text[at + 1] | 0x20) == 't' && (text[at + 2] | 0x20) is 'd' or 'h' && text[at + 3] is '>' or ' ' or '\t' or '\n' or '\r')
            {
                return (at, (text[at + 2] | 0x20) == 'h');
            }

            p = at + 1;
        }

        return (-1, false);
    }

    /// <summary>The ranges of text between tags in [<paramref name="start"/>, <paramref name="end"/>).</summary>
    private static List<Range> Runs(ReadOnlySpan<char> text, int start, int end)
    {
        var runs = new List<Range>();
        var p = start;
        while (p < end)
        {
            var lt = text[p..end].IndexOf('<');
            var runEnd = lt < 0 ? end : p + lt;
            if (runEnd > p && !text[p..runEnd].IsWhiteSpace())
            {
                runs.Add(p..runEnd);
            }

            if (lt < 0)
            {
                break;
            }

            var gt = text[runEnd..end].IndexOf('>');
            p = gt < 0 ? end : runEnd + gt + 1;
        }

        if (runs.Count == 0)
        {
            runs.Add(start..start);
        }

        return runs;
    }
}
