using System.Buffers;
using System.Runtime.CompilerServices;

namespace DriveSync.Sanitization.Detection;

/// <summary>
/// The single pass of the built-in detectors: it jumps between anchor characters (digits, '@', ':', '.', ',') with a
/// vectorized search and hands each anchor to the detector for it, which reads the token once and says where to resume.
/// </summary>
internal static class BuiltInScanner
{
    private static readonly SearchValues<char> Anchors = SearchValues.Create("0123456789@:.,");

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
            if (!Anchors.Contains(text[i]))
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

        var digits = DigitRun(text, i);
        var mbi = digits == 1 ? alphanumeric.Mbi(i) : 0;
        if (mbi > 0)
        {
            sink.Add(i, i + mbi, PiiTypes.Mbi);
            return i + mbi;
        }

        var address = new AddressDetector(text, sink).Scan(i);
        if (address > 0)
        {
            return address;
        }

        var writtenDate = digits <= 2 ? new WrittenDateDetector(text, sink, labels).Scan(i) : 0;
        return writtenDate > 0 ? writtenDate : new NumberDetector(text, sink, labels).Scan(i);
    }

    /// <summary>
    /// The number of digits from <paramref name="i"/>, counted up to three: an MBI starts with one digit (then a letter)
    /// and a written date's day has at most two, so longer runs skip those detectors (they would return 0 at once).
    /// </summary>
    private static int DigitRun(ReadOnlySpan<char> text, int i)
    {
        var p = i;
        while (p < text.Length && p - i < 3 && char.IsAsciiDigit(text[p]))
        {
            p++;
        }

        return p - i;
    }
}
