using System.Buffers;
using System.Runtime.CompilerServices;

namespace DriveSync.Sanitization.Detection;

/// <summary>
/// The single pass of the built-in detectors: it jumps between anchor characters (digits, '@', ':', '.', ',') with a
/// vectorized search and hands each anchor to the detector for it, which reads the token once and says where to resume.
/// </summary>
internal static class BuiltInScanner
{
    /// <summary>The characters a detector starts from.</summary>
    internal const string AnchorChars = "0123456789@:.,";

    /// <summary>
    /// <see cref="AnchorChars"/> as bits counted from ',' (the lowest anchor) to '@' (the highest): ',' bit 0, '.' bit 2,
    /// the digits bits 4–13, ':' bit 14, '@' bit 20. A constant, so the test is one compare and a shift
    /// (<c>BuiltInScannerTests</c> checks it against <see cref="AnchorChars"/> for every char).
    /// </summary>
    private const uint AnchorBits = 0x107FF5;

    private static readonly SearchValues<char> Anchors = SearchValues.Create(AnchorChars);

    /// <summary>Appends the matches starting at or after <paramref name="minStart"/>, in order and non-overlapping.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Scan(ReadOnlySpan<char> text, int minStart, List<PiiMatch> results)
    {
        var sink = new MatchSink(results, minStart);
        var names = new NameDetector(text, sink);
        var labels = LabelPresence.Of(text);
        var ipv6RejectedUntil = 0;
        var i = 0;
        while (i < text.Length)
        {
            if (!IsAnchor(text[i]))
            {
                var k = text[i..].IndexOfAny(Anchors);
                if (k < 0)
                {
                    break;
                }

                i += k;
            }

            i = text[i] switch
            {
                '@' => new EmailDetector(text, sink).Scan(i),
                ':' => names.AfterLabel(i) is > 0 and var nameEnd ? nameEnd
                    : names.AroundPunctuation(i) is > 0 and var greetingEnd ? greetingEnd
                    : i < ipv6RejectedUntil ? i + 1 : new Ipv6Detector(text, sink).Scan(i, out ipv6RejectedUntil),
                ',' => names.AroundPunctuation(i) is > 0 and var commaEnd ? commaEnd : i + 1,
                '.' => names.AfterTitle(i) is > 0 and var titleEnd ? titleEnd : i + 1,
                _ => Number(text, i, sink, labels),
            };
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Number(ReadOnlySpan<char> text, int i, MatchSink sink, LabelPresence labels)
    {
        var alphanumeric = new AlphanumericDetector(text, sink, labels);
        if (i > 0 && char.IsAsciiLetterOrDigit(text[i - 1]))
        {
            return alphanumeric.InWord(i);
        }

        var runEnd = DigitRunEnd(text, i);
        var digits = runEnd - i;
        var mbi = digits == 1 ? alphanumeric.Mbi(i) : 0;
        if (mbi > 0)
        {
            sink.Add(i, i + mbi, PiiTypes.Mbi);
            return i + mbi;
        }

        var address = AddressDetector.MayStartAt(text, i, runEnd) ? new AddressDetector(text, sink).Scan(i) : 0;
        if (address > 0)
        {
            return address;
        }

        var writtenDate = digits <= 2 && labels.MayHave(ContextKind.DateOfBirth) ? new WrittenDateDetector(text, sink).Scan(i) : 0;
        return writtenDate > 0 ? writtenDate
            : NumberDetector.IsLoneNonValue(text, i, runEnd, labels) ? runEnd
            : new NumberDetector(text, sink, labels).Scan(i);
    }

    /// <summary>
    /// Whether <paramref name="c"/> is an anchor. <see cref="SearchValues{T}.Contains"/> is a virtual call that the JIT
    /// devirtualizes only with tiered PGO, which the scan loop (optimized at once) and the CLI (PGO off) never get.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool IsAnchor(char c) => (uint)(c - ',') <= '@' - ',' && (AnchorBits & (1u << (c - ','))) != 0;

    /// <summary>
    /// The end of the digit run from <paramref name="i"/>, read once for the detectors' pre-checks: an MBI starts with one
    /// digit (then a letter), a written date's day has at most two, a house number at most six, and a lone group of a
    /// length no type has (or only types whose labels are absent) is no number.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int DigitRunEnd(ReadOnlySpan<char> text, int i)
    {
        var p = i;
        while (p < text.Length && char.IsAsciiDigit(text[p]))
        {
            p++;
        }

        return p;
    }
}
