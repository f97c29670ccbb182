using System.Runtime.CompilerServices;

namespace DriveSync.Sanitization.Detection;

/// <summary>Person names: one to four capitalized words or initials after a label ("Name:", "Taxpayer:") or a title ("Mr.", "Dr.").</summary>
internal readonly ref struct NameDetector(ReadOnlySpan<char> text, MatchSink sink)
{
    private readonly ReadOnlySpan<char> text = text;

    /// <summary>The end of a name after the label whose colon is at <paramref name="at"/> ("Name:", "Taxpayer:"), or 0.</summary>
    /// <remarks>Inlined into the scanner: a colon after a digit (<c>12:34</c>) ends no label and costs no call.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int AfterLabel(int at) => at > 0 && (char.IsAsciiLetter(text[at - 1]) || text[at - 1] is '"' or ')' or '#' or ' ') ? LabelledName(at) : 0;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int LabelledName(int at)
    {
        var strong = NameLabels.IsLabel(text, at);
        if (strong || NameLabels.IsRoleLabel(text, at))
        {
            var end = NameEnd(at + 1, out var start);
            if (end > 0 && (strong || PersonNames.LooksLikeFullName(text[start..end])))
            {
                sink.Add(start, end, PiiTypes.Name);
                return end;
            }
        }

        return 0;
    }

    /// <summary>
    /// At a comma or colon: the name of a greeting before it ("Dear Jane Roe,", "Hello Okafor:" — one word in the name
    /// lists), or the signature line after a closing ("Sincerely,\nJane Roe"); the end of the name, or 0.
    /// </summary>
    /// <remarks>Inlined into the scanner: punctuation after anything but a letter (<c>3,456</c>, <c>12:34</c>) costs no call.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int AroundPunctuation(int at) => at > 0 && char.IsAsciiLetter(text[at - 1]) ? AfterWord(at) : 0;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int AfterWord(int at)
    {
        var greeting = GreetingStart(at);
        if (greeting >= 0)
        {
            sink.Add(greeting, at, PiiTypes.Name);
            return at + 1;
        }

        var p = at + 1;
        while (p < text.Length && text[p] is ' ' or '\r')
        {
            p++;
        }

        if (text[at] != ',' || p >= text.Length || text[p] != '\n' || !NameLabels.IsClosing(text, at))
        {
            return 0;
        }

        var end = NameEnd(p + 1, out var start);
        if (end > 0 && (end >= text.Length || text[end] is '\r' or '\n' or ',') && (PersonNames.LooksLikeFullName(text[start..end]) || PersonNames.IsFirstName(text[start..end])))
        {
            sink.Add(start, end, PiiTypes.Name);
            return end;
        }

        return 0;
    }

    /// <summary>The start of one to three capitalized words before <paramref name="at"/> after a salutation that starts the line, at least one a listed name; -1 when none.</summary>
    private int GreetingStart(int at)
    {
        const int MaxLine = 64;
        var from = Math.Max(0, at - MaxLine);
        var newline = text[from..at].LastIndexOf('\n');
        var lineStart = newline >= 0 ? from + newline + 1 : from == 0 ? 0 : -1;
        while (lineStart >= 0 && lineStart < at && text[lineStart] is ' ' or '\t' or '>')
        {
            lineStart++;
        }

        if (lineStart < 0 || lineStart >= at || (text[lineStart] | 0x20) is not ('d' or 'h' or 'g'))
        {
            return -1;
        }

        var p = at;
        var listed = false;
        for (var words = 0; words < 4; words++)
        {
            var wordEnd = p;
            while (p > 0 && (char.IsAsciiLetter(text[p - 1]) || text[p - 1] is '\'' or '-' or '.') && wordEnd - p < 20)
            {
                p--;
            }

            if (p == wordEnd || !char.IsAsciiLetterUpper(text[p]) || (p > 0 && text[p - 1] is not (' ' or '\n' or '\t')))
            {
                return -1;
            }

            var word = text[p..wordEnd];
            if (words > 0 && NameLabels.IsSalutation(word))
            {
                return listed && sink.EndsBefore(wordEnd + 1) ? wordEnd + 1 : -1;
            }

            listed |= PersonNames.IsListed(word.TrimEnd('.'));
            if (p == 0 || text[p - 1] != ' ')
            {
                return -1;
            }

            p--;
        }

        return -1;
    }

    /// <summary>The end of a name after the title whose period is at <paramref name="at"/> ("Mr.", "Dr."), or 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
