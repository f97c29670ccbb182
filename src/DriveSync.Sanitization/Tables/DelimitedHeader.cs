namespace DriveSync.Sanitization.Tables;

/// <summary>
/// Reads the header of a delimited file (CSV with <c>,</c> <c>;</c> <c>|</c> or tab, TSV) and the rows of the first chunk
/// below it, and types each column with <see cref="TableColumns"/>.
/// </summary>
internal static class DelimitedHeader
{
    private static readonly char[] Candidates = [',', ';', '\t', '|'];

    /// <summary>
    /// Reads the header at the start of <paramref name="text"/>. False when its line is not complete yet and more text
    /// will come; otherwise <paramref name="types"/> is null when no column is PII.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<char> text, bool final, bool tabs, SanitizerOptions options, out char delimiter, out string?[]? types)
    {
        types = null;
        var window = text[..Math.Min(text.Length, options.MaxCsvHeaderChars)];
        var end = LineEnd(window, 0);
        if (end < 0)
        {
            if (!final && text.Length <= options.MaxCsvHeaderChars)
            {
                delimiter = tabs ? '\t' : ',';
                return false;
            }

            end = final && text.Length <= options.MaxCsvHeaderChars ? text.Length : -1;
        }

        delimiter = tabs ? '\t' : Sniff(window[..Math.Max(0, end)]);
        if (end < 0)
        {
            return true;
        }

        var header = Cells(window[..end], delimiter);
        var samples = header.Select(_ => new List<string>()).ToList();
        var p = end;
        for (var row = 0; row < TableColumns.SampleRows && p < text.Length; row++)
        {
            p += text[p] == '\r' && p + 1 < text.Length && text[p + 1] == '\n' ? 2 : 1;
            var lineEnd = LineEnd(text, p);
            if (lineEnd < 0)
            {
                break;
            }

            var cells = Cells(text[p..lineEnd], delimiter);
            for (var c = 0; c < cells.Count && c < samples.Count; c++)
            {
                samples[c].Add(cells[c]);
            }

            p = lineEnd;
        }

        var result = new string?[header.Count];
        var any = false;
        for (var c = 0; c < header.Count; c++)
        {
            result[c] = TableColumns.TypeOf(header[c].AsSpan().Trim().Trim('"'), samples[c], options.PiiColumns);
            any |= result[c] is not null;
        }

        types = any ? result : null;
        return true;
    }

    /// <summary>The delimiter used most in the header line outside quotes (a comma when none is).</summary>
    private static char Sniff(ReadOnlySpan<char> line)
    {
        Span<int> counts = stackalloc int[Candidates.Length];
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && Array.IndexOf(Candidates, c) is >= 0 and var k)
            {
                counts[k]++;
            }
        }

        var best = 0;
        for (var k = 1; k < counts.Length; k++)
        {
            if (counts[k] > counts[best])
            {
                best = k;
            }
        }

        return Candidates[best];
    }

    /// <summary>The index of the line feed (or CR) ending the line starting at <paramref name="from"/> outside quotes, or -1.</summary>
    private static int LineEnd(ReadOnlySpan<char> text, int from)
    {
        var quoted = false;
        for (var j = from; j < text.Length; j++)
        {
            if (text[j] == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && text[j] is '\n' or '\r')
            {
                return j;
            }
        }

        return -1;
    }

    private static List<string> Cells(ReadOnlySpan<char> line, char delimiter)
    {
        var cells = new List<string>();
        var quoted = false;
        var start = 0;
        for (var j = 0; j <= line.Length; j++)
        {
            if (j < line.Length && line[j] == '"')
            {
                quoted = !quoted;
            }
            else if (j == line.Length || (!quoted && line[j] == delimiter))
            {
                cells.Add(line[start..j].Trim().Trim('"').ToString());
                start = j + 1;
            }
        }

        return cells;
    }
}
