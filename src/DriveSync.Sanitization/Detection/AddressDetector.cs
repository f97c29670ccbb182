using System.Runtime.CompilerServices;

namespace DriveSync.Sanitization.Detection;

/// <summary>
/// US street addresses anchored on the house number: number, optional pre-direction, one to four street-name words,
/// a USPS suffix, optional post-direction and unit (<c>#270</c>, <c>Apt 4B</c>, <c>Unit 33</c>, <c>Suite 200</c>), and the
/// <c>City, ST 12345</c> line that follows; PO boxes. A <c>FIRST LAST</c> line just above an address block is a name.
/// </summary>
internal readonly ref struct AddressDetector(ReadOnlySpan<char> text, MatchSink sink)
{
    private const int MaxNameWords = 4;

    private readonly ReadOnlySpan<char> text = text;

    /// <summary>The end of the address whose house (or box) number starts at <paramref name="i"/>, or 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Scan(int i)
    {
        var numberEnd = i;
        while (numberEnd < text.Length && char.IsAsciiDigit(text[numberEnd]) && numberEnd - i < 8)
        {
            numberEnd++;
        }

        if (numberEnd >= text.Length - 2 || text[numberEnd] != ' ' || (i > 0 && !IsLeftBoundary(text[i - 1])))
        {
            return numberEnd < text.Length && !char.IsAsciiLetterOrDigit(text[numberEnd]) ? PoBox(i, numberEnd) : 0;
        }

        var first = text[numberEnd + 1];
        return numberEnd - i <= 6 && (char.IsAsciiLetterUpper(first) || char.IsAsciiDigit(first)) && Street(i, numberEnd + 1) is > 0 and var end ? end : PoBox(i, numberEnd);
    }

    /// <summary>
    /// A necessary condition for <see cref="Scan"/> to find an address at the digits from <paramref name="i"/> to
    /// <paramref name="runEnd"/>: a space and a capital or digit after a house number of at most six digits, or
    /// <c>x </c> before a box number. Numbers followed by a colon, comma, dot or dash are not read again.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool MayStartAt(ReadOnlySpan<char> text, int i, int runEnd) =>
        (runEnd - i <= 6 && runEnd < text.Length - 2 && text[runEnd] == ' ' && (char.IsAsciiLetterUpper(text[runEnd + 1]) || char.IsAsciiDigit(text[runEnd + 1])))
        || (i >= 7 && text[i - 1] == ' ' && (text[i - 2] | 0x20) == 'x');

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsLeftBoundary(char c) => char.IsWhiteSpace(c) || c is '"' or '\'' or '>' or '(' or '|' or ',' or ';' or ':' or '[';

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Street(int start, int p)
    {
        var direction = false;
        var nameWords = 0;
        var suffixEnd = 0;
        var strong = false;
        while (nameWords <= MaxNameWords)
        {
            var wordEnd = WordEnd(p);
            if (wordEnd == p)
            {
                return 0;
            }

            var word = text[p..wordEnd].TrimEnd('.');
            var next = wordEnd + 1 < text.Length && text[wordEnd] == ' ' ? wordEnd + 1 : -1;
            if (nameWords == 0 && !direction && word.Length <= 2 && StreetWords.IsDirection(word) && next > 0 && !IsSuffix(NextWord(next)))
            {
                direction = true;
            }
            else if (nameWords > 0 && (StreetWords.IsStrongSuffix(word) || StreetWords.IsWeakSuffix(word)) && !(next > 0 && NextWord(next) is var nextWord && IsSuffix(nextWord) && Capitalized(nextWord)))
            {
                strong = StreetWords.IsStrongSuffix(word);
                suffixEnd = wordEnd;
                break;
            }
            else if (char.IsAsciiLetterUpper(text[p]) || char.IsAsciiDigit(text[p]))
            {
                nameWords++;
            }
            else
            {
                return 0;
            }

            if (next < 0)
            {
                return 0;
            }

            p = next;
        }

        if (suffixEnd == 0)
        {
            return 0;
        }

        var end = suffixEnd;
        if (end + 1 < text.Length && text[end] == ' ' && WordEnd(end + 1) is var postEnd && postEnd > end + 1
            && StreetWords.IsDirection(text[(end + 1)..postEnd].TrimEnd('.')) && (postEnd >= text.Length || !char.IsAsciiLetterOrDigit(text[postEnd])))
        {
            end = postEnd;
            direction = true;
        }

        var unitEnd = UnitEnd(end);
        var cityEnd = CityLineEnd(unitEnd > 0 ? unitEnd : end);
        if ((!strong && !direction && unitEnd == 0 && cityEnd == 0) || (unitEnd == 0 && cityEnd == 0 && ContinuesAsName(end)))
        {
            return 0;
        }

        end = cityEnd > 0 ? cityEnd : unitEnd > 0 ? unitEnd : end;
        NameLineAbove(start);
        sink.Add(start, end, PiiTypes.Address);
        return end;
    }

    /// <summary>The word at <paramref name="next"/> without its trailing dots, read only when a direction or suffix needs to see what follows it.</summary>
    private ReadOnlySpan<char> NextWord(int next) => text[next..WordEnd(next)].TrimEnd('.');

    /// <summary>True when a capitalized word follows the suffix ("3 Main Street Apparel"): a brand or product, not an address.</summary>
    private bool ContinuesAsName(int end) => end + 1 < text.Length && text[end] == ' ' && char.IsAsciiLetterUpper(text[end + 1]);

    private static bool IsSuffix(ReadOnlySpan<char> word) => StreetWords.IsStrongSuffix(word) || StreetWords.IsWeakSuffix(word);

    private static bool Capitalized(ReadOnlySpan<char> word) => word.Length > 0 && char.IsAsciiLetterUpper(word[0]);

    /// <summary>End of a word of letters (optionally ending in '.') or an ordinal (<c>5th</c>, <c>42nd</c>) at <paramref name="p"/>.</summary>
    private int WordEnd(int p)
    {
        var q = p;
        while (q < text.Length && (char.IsAsciiLetter(text[q]) || (text[q] == '\'' && q > p)))
        {
            q++;
        }

        if (q == p)
        {
            while (q < text.Length && char.IsAsciiDigit(text[q]) && q - p < 4)
            {
                q++;
            }

            if (q == p || q + 2 > text.Length || !(text[q..(q + 2)] is "st" or "nd" or "rd" or "th" or "ST" or "ND" or "RD" or "TH"))
            {
                return p;
            }

            q += 2;
        }
        else if (q < text.Length && text[q] == '.')
        {
            q++;
        }

        return q < text.Length && char.IsAsciiLetterOrDigit(text[q]) ? p : q;
    }

    /// <summary>End of a unit after <paramref name="p"/> (<c> #270</c>, <c>, Apt 4B</c>, <c> Unit 33</c>, <c> Suite 200</c>), or 0.</summary>
    private int UnitEnd(int p)
    {
        var q = p;
        if (q < text.Length && text[q] == ',')
        {
            q++;
        }

        if (q + 2 >= text.Length || text[q] != ' ')
        {
            return 0;
        }

        q++;
        if (text[q] != '#')
        {
            var wordEnd = WordEnd(q);
            if (wordEnd == q || !StreetWords.IsUnit(text[q..wordEnd].TrimEnd('.')) || wordEnd + 1 >= text.Length || text[wordEnd] != ' ')
            {
                return 0;
            }

            q = wordEnd + 1;
            if (text[q] == '#')
            {
                q++;
            }
        }
        else
        {
            q++;
            if (q < text.Length && text[q] == ' ')
            {
                q++;
            }
        }

        var idStart = q;
        while (q < text.Length && (char.IsAsciiLetterOrDigit(text[q]) || (text[q] == '-' && q > idStart)) && q - idStart < 6)
        {
            q++;
        }

        return q > idStart && (q >= text.Length || !char.IsAsciiLetterOrDigit(text[q])) && ContainsDigitOrShort(text[idStart..q]) ? q : 0;
    }

    private static bool ContainsDigitOrShort(ReadOnlySpan<char> id) => id.Length <= 2 || id.ContainsAnyInRange('0', '9');

    /// <summary>End of a <c>City, ST 12345</c> (or <c>CITY ST 12345-6789</c>) line after <paramref name="p"/> (same line after a comma, or the next line), or 0.</summary>
    private int CityLineEnd(int p)
    {
        var q = p;
        if (q < text.Length && text[q] == ',')
        {
            q++;
            if (q < text.Length && text[q] == ' ')
            {
                q++;
            }
        }
        else
        {
            if (q < text.Length && text[q] == '\r')
            {
                q++;
            }

            if (q >= text.Length || text[q] != '\n')
            {
                return 0;
            }

            q++;
            while (q < text.Length && text[q] is ' ' or '\t')
            {
                q++;
            }
        }

        for (var words = 0; words < 3; words++)
        {
            var wordEnd = WordEnd(q);
            if (wordEnd == q || !char.IsAsciiLetterUpper(text[q]) || wordEnd >= text.Length)
            {
                return 0;
            }

            q = wordEnd;
            if (text[q] == ',')
            {
                q++;
            }

            if (q + 8 >= text.Length || text[q] != ' ')
            {
                return 0;
            }

            q++;
            if (char.IsAsciiLetterUpper(text[q]) && char.IsAsciiLetterUpper(text[q + 1]) && text[q + 2] == ' ' && StreetWords.IsState(text.Slice(q, 2)))
            {
                return Zip(q + 3);
            }
        }

        return 0;
    }

    private int Zip(int p)
    {
        if (p < text.Length && text[p] == ' ')
        {
            p++;
        }

        var q = p;
        while (q < text.Length && char.IsAsciiDigit(text[q]))
        {
            q++;
        }

        if (q - p != 5)
        {
            return 0;
        }

        if (q + 5 <= text.Length && text[q] == '-' && !text.Slice(q + 1, 4).ContainsAnyExceptInRange('0', '9'))
        {
            q += 5;
        }

        return q < text.Length && char.IsAsciiLetterOrDigit(text[q]) ? 0 : q;
    }

    /// <summary>A PO box whose number starts at <paramref name="i"/>: <c>PO Box 1234</c>, <c>P.O. Box 1234</c>, <c>Post Office Box 1234</c>.</summary>
    private int PoBox(int i, int numberEnd)
    {
        if (i < 7 || text[i - 1] != ' ' || (text[i - 2] | 0x20) != 'x' || !text.Slice(i - 4, 4).Equals("box ", StringComparison.OrdinalIgnoreCase))
        {
            return 0;
        }

        var before = text[Math.Max(0, i - 20)..(i - 4)].TrimEnd();
        int prefix;
        if (before.EndsWith("p.o.", StringComparison.OrdinalIgnoreCase) || before.EndsWith("p. o.", StringComparison.OrdinalIgnoreCase))
        {
            prefix = before.EndsWith("p.o.", StringComparison.OrdinalIgnoreCase) ? 4 : 5;
        }
        else if (before.EndsWith("po", StringComparison.OrdinalIgnoreCase))
        {
            prefix = 2;
        }
        else if (before.EndsWith("post office", StringComparison.OrdinalIgnoreCase))
        {
            prefix = 11;
        }
        else
        {
            return 0;
        }

        var start = Math.Max(0, i - 20) + before.Length - prefix;
        if (start > 0 && char.IsAsciiLetterOrDigit(text[start - 1]))
        {
            return 0;
        }

        var cityEnd = CityLineEnd(numberEnd);
        var end = cityEnd > 0 ? cityEnd : numberEnd;
        NameLineAbove(start);
        sink.Add(start, end, PiiTypes.Address);
        return end;
    }

    /// <summary>When the address starts a line, a name on the line above (<c>BRIAN CLARK</c>, <c>Jane Q. Roe</c>) is redacted too.</summary>
    private void NameLineAbove(int start)
    {
        var lineStart = start;
        while (lineStart > 0 && text[lineStart - 1] is ' ' or '\t')
        {
            lineStart--;
        }

        if (lineStart < 2 || text[lineStart - 1] != '\n')
        {
            return;
        }

        var lineEnd = lineStart - 1;
        if (lineEnd > 0 && text[lineEnd - 1] == '\r')
        {
            lineEnd--;
        }

        var nameStart = lineEnd;
        while (nameStart > 0 && text[nameStart - 1] != '\n' && lineEnd - nameStart < 60)
        {
            nameStart--;
        }

        var line = text[nameStart..lineEnd];
        var trimmed = line.Trim();
        if (trimmed.IsEmpty || !sink.EndsBefore(nameStart) || !PersonNames.LooksLikeFullName(trimmed))
        {
            return;
        }

        var offset = nameStart + line.IndexOf(trimmed[0]);
        sink.Add(offset, offset + trimmed.Length, PiiTypes.Name);
    }
}
