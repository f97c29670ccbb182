using System.Runtime.CompilerServices;

namespace DriveSync.Sanitization.Detection;

/// <summary>Dates of birth written with a month name ("January 5, 1980", "Jan. 5 1980", "5 January 1980") after a birth label.</summary>
/// <remarks>The scanner runs it only when the text has a birth label (<see cref="LabelPresence.MayHave"/>): without one no date is a date of birth.</remarks>
internal readonly ref struct WrittenDateDetector(ReadOnlySpan<char> text, MatchSink sink)
{
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Months = new HashSet<string>(StringComparer.Ordinal)
    {
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    }.GetAlternateLookup<ReadOnlySpan<char>>();

    private readonly ReadOnlySpan<char> text = text;

    /// <summary>The end of a written date of birth whose day starts at <paramref name="day"/>, or 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Scan(int day)
    {
        var dayEnd = Digits(day, 2);
        if (dayEnd == 0 || !IsDay(text[day..dayEnd]))
        {
            return 0;
        }

        var p = dayEnd;
        if (p < text.Length && text[p] == ',')
        {
            p++;
        }

        var yearAfterDay = p < text.Length && text[p] == ' ' ? Digits(p + 1, 4, exact: true) : 0;
        if (yearAfterDay == 0 && (dayEnd >= text.Length || text[dayEnd] != ' '))
        {
            return 0;
        }

        var monthBefore = MonthEndingAt(day - 1);
        int start, end;
        if (monthBefore >= 0)
        {
            start = monthBefore;
            end = yearAfterDay;
        }
        else
        {
            start = day;
            var monthEnd = dayEnd < text.Length && text[dayEnd] == ' ' ? MonthStartingAt(dayEnd + 1) : 0;
            end = monthEnd > 0 && monthEnd < text.Length && text[monthEnd] == ' ' ? Digits(monthEnd + 1, 4, exact: true) : 0;
        }

        if (end == 0 || (end < text.Length && char.IsAsciiLetterOrDigit(text[end]))
            || !ContextWords.MayMentionBirth(text, start) || ContextWords.Nearest(text, start) != ContextKind.DateOfBirth)
        {
            return 0;
        }

        sink.Add(start, end, PiiTypes.DateOfBirth);
        return end;
    }

    private static bool IsDay(ReadOnlySpan<char> digits)
    {
        var value = digits.Length == 1 ? digits[0] - '0' : ((digits[0] - '0') * 10) + (digits[1] - '0');
        return value is >= 1 and <= 31;
    }

    private int Digits(int from, int max, bool exact = false)
    {
        var p = from;
        while (p < text.Length && p - from < max && char.IsAsciiDigit(text[p]))
        {
            p++;
        }

        var count = p - from;
        return count == 0 || (exact && count != max) || (p < text.Length && char.IsAsciiDigit(text[p])) ? 0 : p;
    }

    /// <summary>Start of a month name that ends (with an optional period) just before the space at <paramref name="space"/>, or -1.</summary>
    private int MonthEndingAt(int space)
    {
        if (space < 1 || text[space] != ' ')
        {
            return -1;
        }

        var end = text[space - 1] == '.' ? space - 1 : space;
        var start = end;
        while (start > 0 && end - start < 9 && char.IsAsciiLetter(text[start - 1]))
        {
            start--;
        }

        return start < end && (start == 0 || !char.IsAsciiLetter(text[start - 1])) && IsMonth(text[start..end]) ? start : -1;
    }

    /// <summary>End of a month name (with an optional period) starting at <paramref name="start"/>, or 0.</summary>
    private int MonthStartingAt(int start)
    {
        var end = start;
        while (end < text.Length && end - start < 9 && char.IsAsciiLetter(text[end]))
        {
            end++;
        }

        if (end == start || !IsMonth(text[start..end]))
        {
            return 0;
        }

        return end < text.Length && text[end] == '.' ? end + 1 : end;
    }

    /// <summary>True when <paramref name="word"/> (ASCII letters) is a month name or abbreviation in any case.</summary>
    private static bool IsMonth(ReadOnlySpan<char> word)
    {
        if (word.Length is < 3 or > 9 || (word[0] | 0x20) is not ('j' or 'f' or 'm' or 'a' or 's' or 'o' or 'n' or 'd'))
        {
            return false;
        }

        Span<char> lower = stackalloc char[9];
        for (var k = 0; k < word.Length; k++)
        {
            lower[k] = (char)(word[k] | 0x20);
        }

        return Months.Contains(lower[..word.Length]);
    }
}
