namespace DriveSync.Sanitization.Detection;

/// <summary>Person names: one to four capitalized words or initials after a label ("Name:", "Taxpayer:") or a title ("Mr.", "Dr.").</summary>
internal readonly ref struct NameDetector(ReadOnlySpan<char> text, MatchSink sink)
{
    private readonly ReadOnlySpan<char> text = text;

    /// <summary>The end of a name after the label whose colon is at <paramref name="at"/> ("Name:", "Taxpayer:"), or 0.</summary>
    public int AfterLabel(int at)
    {
        if (at > 0 && (char.IsAsciiLetter(text[at - 1]) || text[at - 1] is '"' or ')' or '#' or ' ') && NameLabels.IsLabel(text, at))
        {
            var end = NameEnd(at + 1, out var start);
            if (end > 0)
            {
                sink.Add(start, end, PiiTypes.Name);
                return end;
            }
        }

        return 0;
    }

    /// <summary>The end of a name after the title whose period is at <paramref name="at"/> ("Mr.", "Dr."), or 0.</summary>
    public int AfterTitle(int at)
    {
        if (at + 1 < text.Length && text[at + 1] == ' ' && NameLabels.IsTitle(text, at))
        {
            var end = NameEnd(at + 1, out var start);
            if (end > 0)
            {
                sink.Add(start, end, PiiTypes.Name);
                return end;
            }
        }

        return 0;
    }

    /// <summary>End of one to four capitalized words (or initials) on the same line after <paramref name="from"/>; 0 when none.</summary>
    private int NameEnd(int from, out int start)
    {
        var n = text.Length;
        var p = from;
        while (p < n && p - from < 3 && text[p] is ' ' or '\t')
        {
            p++;
        }

        if (p < n && text[p] == '"')
        {
            p++;
        }

        start = p;
        var end = 0;
        var longWords = 0;
        for (var words = 0; words < 4 && p < n && char.IsAsciiLetterUpper(text[p]); words++)
        {
            var w = p + 1;
            while (w < n && (char.IsAsciiLetterLower(text[w]) || char.IsAsciiLetterUpper(text[w]) || text[w] is '\'' or '-' || (text[w] >= '\u0080' && text[w] != '\u00A0')))
            {
                w++;
            }

            if (w - p == 1 && w < n && text[w] == '.')
            {
                w++;
            }
            else if (w - p == 1 || (w < n && (char.IsAsciiDigit(text[w]) || text[w] == '@')))
            {
                break;
            }
            else if (NameLabels.IsStopWord(text[p..w]))
            {
                break;
            }
            else
            {
                longWords++;
            }

            end = w;
            if (w + 1 < n && text[w] == ' ' && char.IsAsciiLetterUpper(text[w + 1]))
            {
                p = w + 1;
            }
            else
            {
                break;
            }
        }

        return longWords > 0 ? end : 0;
    }
}
