using System.Runtime.CompilerServices;

namespace DriveSync.Sanitization.Detection;

/// <summary>
/// Numbers anchored on a digit: the token is read once as up to ten digit groups with their separators, then each run
/// of groups is classified (E.164 and NANP phones, cards, SSN/ITIN, labelled EIN, routing, account, passport,
/// driver-licence and bare numbers, dates of birth, IPv4), longest first.
/// </summary>
internal readonly ref struct NumberDetector(ReadOnlySpan<char> text, MatchSink sink, LabelPresence labels)
{
    private const int MaxGroups = 10;

    /// <summary>A lone group of fewer digits is no value of any type (the shortest, a labelled account number, has six): it is skipped unread by the classifiers.</summary>
    private const int MinSingleDigits = 6;

    private readonly ReadOnlySpan<char> text = text;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Scan(int i)
    {
        var text = this.text;
        var n = text.Length;
        Span<int> gs = stackalloc int[MaxGroups];
        Span<int> ge = stackalloc int[MaxGroups];
        var m = 0;
        var p = i;
        while (true)
        {
            var s = p;
            while (p < n && char.IsAsciiDigit(text[p]))
            {
                p++;
            }

            gs[m] = s;
            ge[m] = p;
            m++;
            if (m == MaxGroups || p - s > 19)
            {
                break;
            }

            var q = NextGroupStart(text, p);
            if (q < 0)
            {
                break;
            }

            p = q;
        }

        var tokenEnd = ge[m - 1];
        if (m == 1 && tokenEnd - i < MinSingleDigits)
        {
            return tokenEnd;
        }

        var prefix = i > 0 && text[i - 1] is '(' or '+' ? text[i - 1] : '\0';
        var outer = prefix == '\0' ? i - 1 : i - 2;
        var leftOk = outer < 0 || !(char.IsAsciiLetterOrDigit(text[outer]) || text[outer] is '$' or '€' or '£'
            || (text[outer] is '-' or '.' or '/' && outer > 0 && char.IsAsciiLetterOrDigit(text[outer - 1])));
        var rightOk = tokenEnd >= n || !(char.IsAsciiLetterOrDigit(text[tokenEnd]) || text[tokenEnd] is '%'
            || (text[tokenEnd] is '-' or '/' or ':' && tokenEnd + 1 < n && char.IsAsciiLetterOrDigit(text[tokenEnd + 1]))
            || (text[tokenEnd] == '.' && tokenEnd + 1 < n && char.IsAsciiDigit(text[tokenEnd + 1])));

        var resume = tokenEnd;
        var a = 0;
        while (a < m)
        {
            var matched = false;
            if (a == 0 ? leftOk : IsSoft(text[ge[a - 1]..gs[a]]))
            {
                for (var b = Math.Min(m - 1, a + 5); b >= a && !matched; b--)
                {
                    if (!(b == m - 1 ? rightOk : IsSoft(text[ge[b]..gs[b + 1]])))
                    {
                        continue;
                    }

                    var start = a == 0 && prefix != '\0' ? i - 1 : gs[a];
                    if (a > 0 && text[gs[a] - 1] == '(')
                    {
                        start = gs[a] - 1;
                    }

                    if (!MayBeValue(b - a + 1, Digits(gs, ge, a, b), start < gs[a] ? text[start] : '\0', labels))
                    {
                        continue;
                    }

                    var end = Classify(gs[a..(b + 1)], ge[a..(b + 1)], start, out var type);
                    if (type is not null)
                    {
                        sink.Add(start, end, type);
                        resume = Math.Max(resume, end);
                        matched = true;
                        a = b + 1;
                    }
                }
            }

            if (!matched)
            {
                a++;
            }
        }

        return resume;
    }

    /// <summary>
    /// A necessary condition for <see cref="Classify"/> to accept <paramref name="count"/> groups of <paramref name="total"/>
    /// digits after <paramref name="prefix"/> ('(', '+' or none): the lengths of the types it knows, and the labels present
    /// for those that need one. Dates, times, ids and amounts of a payment export skip <see cref="Classify"/> unread.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool MayBeValue(int count, int total, char prefix, LabelPresence labels) => prefix switch
    {
        '+' => total is >= 8 and <= 15,
        '(' => total is 10 or 11 or (>= 13 and <= 19),
        _ => total is 10 or 11 or (>= 13 and <= 19)
            || (total == 9 && count is 2 or 3)
            || count == 4
            || (count == 1 && total is >= 6 and <= 17 && NumberRules.MayBeLabelled(total, labels))
            || (count == 3 && labels.MayHave(ContextKind.DateOfBirth))
            || (total is >= 5 and <= 17 && (labels.MayHave(ContextKind.Account) || labels.MayHave(ContextKind.DriverLicense))),
    };

    private static int Digits(ReadOnlySpan<int> gs, ReadOnlySpan<int> ge, int a, int b)
    {
        var total = 0;
        for (var k = a; k <= b; k++)
        {
            total += ge[k] - gs[k];
        }

        return total;
    }

    /// <summary>
    /// True when the digits from <paramref name="i"/> to <paramref name="runEnd"/> are a token of one group (no separator
    /// and digit follow them) that no type accepts: fewer than six digits, or a length <see cref="MayBeValue"/> rules out
    /// after its prefix and with the labels present. <see cref="Scan"/> would return <paramref name="runEnd"/> and add nothing.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsLoneNonValue(ReadOnlySpan<char> text, int i, int runEnd, LabelPresence labels) =>
        NextGroupStart(text, runEnd) < 0
        && (runEnd - i < MinSingleDigits || !MayBeValue(1, runEnd - i, i > 0 && text[i - 1] is '(' or '+' ? text[i - 1] : '\0', labels));

    /// <summary>Where the next digit group of a token starts after the group ending at <paramref name="p"/> (past a valid separator), or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int NextGroupStart(ReadOnlySpan<char> text, int p)
    {
        var n = text.Length;
        var q = p;
        while (q < n && q - p < 3 && text[q] is ' ' or '-' or '.' or '/' or '(' or ')')
        {
            q++;
        }

        return q == p || q >= n || !char.IsAsciiDigit(text[q]) || !ValidSeparator(text[p..q]) ? -1 : q;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool ValidSeparator(ReadOnlySpan<char> sep) => sep.Length == 1
        ? sep[0] is ' ' or '-' or '.' or '/' or ')'
        : sep is ") " or ")-" or " (" or " - ";

    private static bool IsSoft(ReadOnlySpan<char> sep) => sep.Length == 1 ? sep[0] == ' ' : sep is " (";

    private ReadOnlySpan<char> Separator(ReadOnlySpan<int> gs, ReadOnlySpan<int> ge, int k) => text[ge[k]..gs[k + 1]];

    private bool SeparatorsAre(ReadOnlySpan<int> gs, ReadOnlySpan<int> ge, ReadOnlySpan<char> sep)
    {
        for (var k = 0; k < gs.Length - 1; k++)
        {
            if (!Separator(gs, ge, k).SequenceEqual(sep))
            {
                return false;
            }
        }

        return true;
    }

    private bool SeparatorsEqual(ReadOnlySpan<int> gs, ReadOnlySpan<int> ge, string allowed)
    {
        if (gs.Length < 2)
        {
            return true;
        }

        var first = Separator(gs, ge, 0);
        return first.Length == 1 && allowed.Contains(first[0]) && SeparatorsAre(gs, ge, first);
    }

    /// <summary>Classifies the groups; returns the match end and sets <paramref name="type"/> (null when no detector accepts them).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal int Classify(ReadOnlySpan<int> gs, ReadOnlySpan<int> ge, int start, out string? type)
    {
        var text = this.text;
        type = null;
        var count = gs.Length;
        Span<char> d = stackalloc char[20];
        var lens = (stackalloc int[MaxGroups])[..count];
        var total = 0;
        for (var k = 0; k < count; k++)
        {
            lens[k] = ge[k] - gs[k];
            if (total + lens[k] > 19)
            {
                return 0;
            }

            for (var c = gs[k]; c < ge[k]; c++)
            {
                d[total++] = text[c];
            }
        }

        var digits = d[..total];
        var end = ge[count - 1];
        var prefix = start < gs[0] ? text[start] : '\0';
        var context = ContextKind.None;
        var contextKnown = false;
        ContextKind Context(ReadOnlySpan<char> t)
        {
            if (!contextKnown)
            {
                context = ContextWords.Nearest(t, start);
                contextKnown = true;
            }

            return context;
        }

        if (prefix == '+')
        {
            if (total is >= 8 and <= 15 && digits[0] != '0' && PhoneSeparators(gs, ge))
            {
                type = PiiTypes.Phone;
                return Extension(end);
            }

            return 0;
        }

        if (total is >= 13 and <= 19 && CardLayout(gs, ge, lens) && Checksums.Luhn(digits) && NumberRules.CardIssuer(digits)
            && (IsGroupedCard(lens) || Context(text) != ContextKind.NotPii))
        {
            type = PiiTypes.Card;
            return end;
        }

        if (count == 3 && lens[0] == 3 && lens[1] == 2 && lens[2] == 4 && prefix == '\0' && SeparatorsEqual(gs, ge, "- "))
        {
            type = NumberRules.SsnType(digits);
            return end;
        }

        if (IsNanp(gs, ge, lens, digits, prefix) && (IsUnambiguousPhone(gs, ge, prefix) || Context(text) != ContextKind.NotPii))
        {
            type = PiiTypes.Phone;
            return Extension(end);
        }

        if (prefix != '\0')
        {
            return 0;
        }

        if (count == 1)
        {
            type = total is >= 6 and <= 17 && NumberRules.MayBeLabelled(total, labels) ? NumberRules.SingleNumber(digits, Context(text)) : null;
            return end;
        }

        if (count == 2 && lens[0] == 2 && lens[1] == 7 && Separator(gs, ge, 0) is "-" && Context(text) is ContextKind.Ein or ContextKind.Ssn)
        {
            type = PiiTypes.Ein;
            return end;
        }

        if (count == 3 && SeparatorsEqual(gs, ge, "/-.") && NumberRules.IsDate(lens, digits) && labels.MayHave(ContextKind.DateOfBirth) && ContextWords.MayMentionBirth(text, start) && Context(text) == ContextKind.DateOfBirth)
        {
            type = PiiTypes.DateOfBirth;
            return end;
        }

        if (count == 4 && SeparatorsAre(gs, ge, ".") && NumberRules.IsIpv4(lens, digits) && Context(text) != ContextKind.NotPii)
        {
            type = PiiTypes.IpAddress;
            return end;
        }

        if (total is >= 5 and <= 17 && (labels.MayHave(ContextKind.Account) || labels.MayHave(ContextKind.DriverLicense)) && SeparatorsEqual(gs, ge, "- "))
        {
            var ctx = Context(text);
            if (ctx == ContextKind.Account && total is >= 6 and <= 17)
            {
                type = PiiTypes.Account;
            }
            else if (ctx == ContextKind.DriverLicense && total is >= 5 and <= 16)
            {
                type = PiiTypes.DriverLicense;
            }
        }

        return end;
    }

    private bool CardLayout(ReadOnlySpan<int> gs, ReadOnlySpan<int> ge, ReadOnlySpan<int> lens)
    {
        var count = gs.Length;
        if (count == 1)
        {
            return true;
        }

        if (!SeparatorsEqual(gs, ge, " -"))
        {
            return false;
        }

        if (count == 3 && lens[0] == 4 && lens[1] == 6 && lens[2] is 4 or 5)
        {
            return true;
        }

        for (var k = 0; k < count - 1; k++)
        {
            if (lens[k] != 4)
            {
                return false;
            }
        }

        return count >= 4 && lens[count - 1] is >= 1 and <= 4;
    }

    /// <summary>A 16-digit card written in four groups of four: its shape is unambiguous, so no nearby word vetoes it.</summary>
    private static bool IsGroupedCard(ReadOnlySpan<int> lens) => lens is [4, 4, 4, 4];

    /// <summary>
    /// A NANP phone whose shape is unambiguous — a parenthesised area code or 3-3-4 groups joined by dashes or dots
    /// (optionally after <c>1-</c>): no nearby word vetoes it. Only space-separated groups stay subject to context.
    /// </summary>
    private bool IsUnambiguousPhone(ReadOnlySpan<int> gs, ReadOnlySpan<int> ge, char prefix)
    {
        if (prefix == '(' || (gs.Length == 4 && text[gs[1] - 1] == '('))
        {
            return true;
        }

        var first = Separator(gs, ge, gs.Length - 3);
        return first is "-" or "." && SeparatorsAre(gs[^3..], ge[^3..], first);
    }

    private bool PhoneSeparators(ReadOnlySpan<int> gs, ReadOnlySpan<int> ge)
    {
        for (var k = 0; k < gs.Length - 1; k++)
        {
            if (Separator(gs, ge, k) is "/")
            {
                return false;
            }
        }

        return true;
    }

    private bool IsNanp(ReadOnlySpan<int> gs, ReadOnlySpan<int> ge, ReadOnlySpan<int> lens, ReadOnlySpan<char> digits, char prefix)
    {
        var count = gs.Length;
        var offset = count == 4 && lens[0] == 1 && digits[0] == '1' ? 1 : 0;
        if (count - offset != 3 || lens[offset] != 3 || lens[offset + 1] != 3 || lens[offset + 2] != 4 || !PhoneSeparators(gs, ge))
        {
            return false;
        }

        var areaParen = offset == 0 ? prefix == '(' : text[gs[1] - 1] == '(';
        var afterArea = Separator(gs, ge, offset);
        if (areaParen != (afterArea.Length > 0 && afterArea[0] == ')'))
        {
            return false;
        }

        if (offset == 0 && prefix == '\0' && !areaParen)
        {
            var first = Separator(gs, ge, 0);
            var second = Separator(gs, ge, 1);
            return first.SequenceEqual(second) && first is "-" or "." or " ";
        }

        return prefix != '+';
    }

    private int Extension(int end)
    {
        var n = text.Length;
        var p = end;
        if (p < n && text[p] == ',')
        {
            p++;
        }

        if (p < n && text[p] == ' ')
        {
            p++;
        }

        var rest = text[p..];
        int markerLength;
        if (rest.StartsWith("ext.", StringComparison.OrdinalIgnoreCase))
        {
            markerLength = 4;
        }
        else if (rest.StartsWith("ext", StringComparison.OrdinalIgnoreCase))
        {
            markerLength = 3;
        }
        else if (rest.Length > 0 && rest[0] is 'x' or 'X' or '#')
        {
            markerLength = 1;
        }
        else
        {
            return end;
        }

        p += markerLength;
        if (p < n && text[p] == ' ')
        {
            p++;
        }

        var digitsStart = p;
        while (p < n && char.IsAsciiDigit(text[p]) && p - digitsStart < 6)
        {
            p++;
        }

        return p > digitsStart && (p >= n || !char.IsAsciiLetterOrDigit(text[p])) ? p : end;
    }
}
