using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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
    /// Hot path (called for most numeric candidates): it finds the word starts of the window at once (a bit mask from a
    /// vector compare), visits them nearest first, looks labels up by their first two characters, and stops once no label
    /// starting further back could end nearer.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ContextKind Nearest(ReadOnlySpan<char> text, int start)
    {
        var from = Math.Max(0, start - Window);
        var best = ContextKind.None;
        var bestEnd = -1;
        var bestLength = 0;
        var starts = WordStarts(text, from, start - 1, out var origin);
        while (starts != 0)
        {
            var bit = 63 - BitOperations.LeadingZeroCount(starts);
            starts ^= 1UL << bit;
            var at = origin + bit;
            if (at + LongestWord < bestEnd)
            {
                break;
            }

            var second = Lower(text[at + 1]);
            if (second >= 128 || ByFirstTwo[(((text[at] | 0x20) - 'a') * 128) + second] is not { } candidates)
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

    /// <summary>
    /// The positions in [<paramref name="from"/>, <paramref name="to"/>) where a word starts (an ASCII letter with no ASCII
    /// letter before it), as bits of a mask whose bit 0 is <paramref name="origin"/>; at most <see cref="Window"/> positions.
    /// </summary>
    private static ulong WordStarts(ReadOnlySpan<char> text, int from, int to, out int origin)
    {
        origin = Math.Max(0, from - 1);
        var count = to - origin;
        if (to <= from)
        {
            return 0;
        }

        var letters = 0UL;
        var k = 0;
        ref var first = ref MemoryMarshal.GetReference(text);
        for (; k + Vector128<ushort>.Count <= count; k += Vector128<ushort>.Count)
        {
            var chars = Vector128.LoadUnsafe(ref Unsafe.As<char, ushort>(ref first), (nuint)(origin + k));
            var offset = (chars | Vector128.Create((ushort)0x20)) - Vector128.Create((ushort)'a');
            letters |= (ulong)Vector128.LessThanOrEqual(offset, Vector128.Create((ushort)('z' - 'a'))).ExtractMostSignificantBits() << k;
        }

        for (; k < count; k++)
        {
            letters |= char.IsAsciiLetter(text[origin + k]) ? 1UL << k : 0;
        }

        var wordStarts = letters & ~(letters << 1);
        return origin < from ? wordStarts & ~1UL : wordStarts;
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
