namespace DriveSync.Sanitization.Detection;

/// <summary>Finds the label nearest before a candidate ("SSN:", "routing number", "order #") within a short window.</summary>
internal static class ContextWords
{
    /// <summary>How far back labels are looked for, in characters.</summary>
    public const int Window = 40;

    private static readonly (string Word, ContextKind Kind)[] Words =
    [
        ("ssn", ContextKind.Ssn), ("social security", ContextKind.Ssn), ("soc sec", ContextKind.Ssn), ("ss#", ContextKind.Ssn),
        ("ss no", ContextKind.Ssn), ("taxpayer id", ContextKind.Ssn), ("tin", ContextKind.Ssn), ("tax id", ContextKind.Ssn),
        ("itin", ContextKind.Itin),
        ("ein", ContextKind.Ein), ("fein", ContextKind.Ein), ("employer identification", ContextKind.Ein), ("employer id", ContextKind.Ein),
        ("routing", ContextKind.Routing), ("aba", ContextKind.Routing), ("rtn", ContextKind.Routing), ("transit", ContextKind.Routing),
        ("account", ContextKind.Account), ("acct", ContextKind.Account), ("a/c", ContextKind.Account), ("acc no", ContextKind.Account),
        ("passport", ContextKind.Passport),
        ("driver", ContextKind.DriverLicense), ("license", ContextKind.DriverLicense), ("licence", ContextKind.DriverLicense),
        ("dl", ContextKind.DriverLicense), ("dln", ContextKind.DriverLicense), ("dl#", ContextKind.DriverLicense),
        ("dob", ContextKind.DateOfBirth), ("d.o.b", ContextKind.DateOfBirth), ("birth", ContextKind.DateOfBirth), ("born", ContextKind.DateOfBirth),
        ("birthdate", ContextKind.DateOfBirth), ("birthday", ContextKind.DateOfBirth),
        ("phone", ContextKind.Phone), ("tel", ContextKind.Phone), ("telephone", ContextKind.Phone), ("mobile", ContextKind.Phone),
        ("cell", ContextKind.Phone), ("fax", ContextKind.Phone), ("call", ContextKind.Phone),
        ("card", ContextKind.Card), ("visa", ContextKind.Card), ("mastercard", ContextKind.Card), ("amex", ContextKind.Card),
        ("order", ContextKind.NotPii), ("invoice", ContextKind.NotPii), ("tracking", ContextKind.NotPii), ("confirmation", ContextKind.NotPii),
        ("serial", ContextKind.NotPii), ("version", ContextKind.NotPii), ("ver", ContextKind.NotPii), ("build", ContextKind.NotPii),
        ("release", ContextKind.NotPii), ("zip", ContextKind.NotPii), ("postal", ContextKind.NotPii), ("form", ContextKind.NotPii),
        ("line", ContextKind.NotPii), ("ticket", ContextKind.NotPii), ("ref", ContextKind.NotPii), ("reference", ContextKind.NotPii),
        ("receipt", ContextKind.NotPii), ("transaction", ContextKind.NotPii), ("sku", ContextKind.NotPii), ("model", ContextKind.NotPii),
        ("isbn", ContextKind.NotPii), ("plate", ContextKind.NotPii), ("uuid", ContextKind.NotPii), ("hash", ContextKind.NotPii), ("checksum", ContextKind.NotPii),
    ];

    /// <summary>The labels by their first two characters (<c>(c0 - 'a') * 128 + c1</c>, lower-case), in <see cref="Words"/> order; every label starts with a letter.</summary>
    private static readonly (string Word, ContextKind Kind)[]?[] ByFirstTwo = BuildBuckets();

    private static readonly int LongestWord = Words.Max(w => w.Word.Length);

    /// <summary>The labels looked for, in order of precedence among equals.</summary>
    internal static ReadOnlySpan<(string Word, ContextKind Kind)> Labels => Words;

    /// <summary>
    /// The kind of the label that ends nearest to <paramref name="start"/> within <see cref="Window"/> characters before it
    /// (the longer label when two end at the same place). A label starts a word (no letter before it) and, unless it is
    /// longer than four characters or ends at <paramref name="start"/>, is followed by a non-letter or a plural 's'.
    /// </summary>
    /// <remarks>
    /// Hot path (called for most numeric candidates): it walks back over the word starts only, looks labels up by their
    /// first two characters, and stops once no label starting further back could end nearer.
    /// </remarks>
    public static ContextKind Nearest(ReadOnlySpan<char> text, int start)
    {
        var from = Math.Max(0, start - Window);
        var best = ContextKind.None;
        var bestEnd = -1;
        var bestLength = 0;
        for (var at = start - 2; at >= from && at + LongestWord >= bestEnd; at--)
        {
            var first = (uint)((text[at] | 0x20) - 'a');
            var second = Lower(text[at + 1]);
            if (first > 'z' - 'a' || second >= 128 || (at > 0 && char.IsAsciiLetter(text[at - 1])) || ByFirstTwo[(first * 128) + second] is not { } candidates)
            {
                continue;
            }

            foreach (var (word, kind) in candidates)
            {
                var end = at + word.Length;
                if (end > start || end < bestEnd || (end == bestEnd && word.Length <= bestLength)
                    || (end < start && word.Length <= 4 && char.IsAsciiLetter(text[end]) && Lower(text[end]) != 's')
                    || !EqualsLower(text.Slice(at, word.Length), word))
                {
                    continue;
                }

                (best, bestEnd, bestLength) = (kind, end, word.Length);
            }
        }

        return best;
    }

    /// <summary>A cheap pre-check: every date-of-birth label contains a 'b'.</summary>
    public static bool MayMentionBirth(ReadOnlySpan<char> text, int start)
    {
        var from = Math.Max(0, start - Window);
        return text[from..start].IndexOfAny('b', 'B') >= 0;
    }

    private static char Lower(char c) => char.IsAsciiLetterUpper(c) ? (char)(c | 0x20) : c;

    private static bool EqualsLower(ReadOnlySpan<char> text, string word)
    {
        for (var k = 0; k < word.Length; k++)
        {
            if (Lower(text[k]) != word[k])
            {
                return false;
            }
        }

        return true;
    }

    private static (string Word, ContextKind Kind)[]?[] BuildBuckets()
    {
        var buckets = new (string Word, ContextKind Kind)[]?[26 * 128];
        foreach (var group in Words.GroupBy(w => ((w.Word[0] - 'a') * 128) + w.Word[1]))
        {
            buckets[group.Key] = [.. group];
        }

        return buckets;
    }

    /// <summary>True when any of <paramref name="words"/> (lower-case) occurs within the window before <paramref name="start"/>.</summary>
    public static bool AnyBefore(ReadOnlySpan<char> text, int start, IReadOnlyList<string> words)
    {
        var from = Math.Max(0, start - Window);
        Span<char> window = stackalloc char[Window];
        var length = start - from;
        for (var k = 0; k < length; k++)
        {
            window[k] = char.ToLowerInvariant(text[from + k]);
        }

        foreach (var word in words)
        {
            if (window[..length].IndexOf(word, StringComparison.Ordinal) >= 0)
            {
                return true;
            }
        }

        return false;
    }
}
