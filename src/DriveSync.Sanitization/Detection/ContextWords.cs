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

    private static readonly (string Word, ContextKind Kind)[]?[] ByLastChar = BuildBuckets();

    /// <summary>The kind of the label that ends nearest to <paramref name="start"/> within <see cref="Window"/> characters before it.</summary>
    public static ContextKind Nearest(ReadOnlySpan<char> text, int start)
    {
        var from = Math.Max(0, start - Window);
        for (var end = start; end > from; end--)
        {
            var last = Lower(text[end - 1]);
            if (last >= 128 || ByLastChar[last] is not { } candidates)
            {
                continue;
            }

            var rightOk = end >= start || !char.IsAsciiLetter(text[end]) || Lower(text[end]) == 's';
            foreach (var (word, kind) in candidates)
            {
                var at = end - word.Length;
                if (at >= from && (rightOk || word.Length > 4) && (at == 0 || !char.IsAsciiLetter(text[at - 1])) && EqualsLower(text.Slice(at, word.Length), word))
                {
                    return kind;
                }
            }
        }

        return ContextKind.None;
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
        var buckets = new (string Word, ContextKind Kind)[]?[128];
        foreach (var group in Words.GroupBy(w => w.Word[^1]))
        {
            buckets[group.Key] = [.. group.OrderByDescending(w => w.Word.Length)];
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
