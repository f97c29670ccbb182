using System.Runtime.CompilerServices;

namespace DriveSync.Sanitization.Detection;

/// <summary>
/// Identifiers that mix letters and digits, anchored on a digit: IBANs (country code, length, mod-97), Medicare MBIs,
/// SSNs glued to a label ("SSN123-45-6789"), and labelled passport and driver-licence numbers with a letter prefix.
/// </summary>
internal readonly ref struct AlphanumericDetector(ReadOnlySpan<char> text, MatchSink sink, LabelPresence labels)
{
    private readonly ReadOnlySpan<char> text = text;

    /// <summary>The length of an MBI starting at <paramref name="i"/>, or 0.</summary>
    /// <remarks>Inlined into the scanner: a digit not followed by an MBI letter (nearly every one) costs no call.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Mbi(int i) => i + 1 < text.Length && IsMbiLetter(text[i + 1]) ? MbiLength(i) : 0;

    /// <summary>Scans the word whose digits start at <paramref name="i"/> after letters; returns where scanning resumes.</summary>
    public int InWord(int i) => LetterPrefixed(i);

    private static bool IsMbiLetter(char c) => char.IsAsciiLetterUpper(c) && c is not ('S' or 'L' or 'O' or 'I' or 'B' or 'Z');

    private int SkipWord(int p)
    {
        while (p < text.Length && char.IsAsciiLetterOrDigit(text[p]))
        {
            p++;
        }

        return p;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int LetterPrefixed(int i)
    {
        var glued = DashedSsnEnd(i);
        if (glued > 0)
        {
            Span<char> ssn = [text[i], text[i + 1], text[i + 2], text[i + 4], text[i + 5], text[i + 7], text[i + 8], text[i + 9], text[i + 10]];
            if (NumberRules.SsnType(ssn) is { } ssnType)
            {
                sink.Add(i, glued, ssnType);
                return glued;
            }
        }

        var licenseEnd = LicenseEnd(i, out var licenseStart);
        if (licenseEnd > 0)
        {
            sink.Add(licenseStart, licenseEnd, PiiTypes.DriverLicense);
            return licenseEnd;
        }

        var n = text.Length;
        var ws = i;
        while (ws > 0 && char.IsAsciiLetter(text[ws - 1]) && i - ws < 3)
        {
            ws--;
        }

        if (ws == i || (ws > 0 && char.IsAsciiLetterOrDigit(text[ws - 1])))
        {
            return SkipWord(i);
        }

        var letters = i - ws;
        if (letters == 2 && char.IsAsciiLetterUpper(text[ws]) && char.IsAsciiLetterUpper(text[ws + 1]) && i + 1 < n && char.IsAsciiDigit(text[i + 1]))
        {
            var ibanEnd = IbanEnd(ws);
            if (ibanEnd > 0)
            {
                sink.Add(ws, ibanEnd, PiiTypes.Iban);
                return ibanEnd;
            }
        }

        var p = i;
        while (p < n && char.IsAsciiDigit(text[p]))
        {
            p++;
        }

        if (p < n && char.IsAsciiLetterOrDigit(text[p]))
        {
            return SkipWord(p);
        }

        var digits = p - i;
        if (digits >= 4 && (labels.MayHave(ContextKind.Passport) || labels.MayHave(ContextKind.DriverLicense)))
        {
            var context = ContextWords.Nearest(text, ws);
            if (context == ContextKind.Passport && letters == 1 && digits == 8)
            {
                sink.Add(ws, p, PiiTypes.Passport);
            }
            else if (context == ContextKind.DriverLicense && digits <= 14)
            {
                sink.Add(ws, p, PiiTypes.DriverLicense);
            }
        }

        return p;
    }

    /// <summary>
    /// End of a driver-licence number around the digit at <paramref name="i"/> under a licence label: a token starting
    /// with a letter, of letters and digits (dash-joined groups allowed: <c>M935-0602-3290</c>, <c>WDLABCD456DG</c>),
    /// 5–16 characters with at least three digits; 0 when there is none.
    /// </summary>
    private int LicenseEnd(int i, out int start)
    {
        const int MaxChars = 16;
        start = i;
        if (!labels.MayHave(ContextKind.DriverLicense))
        {
            return 0;
        }

        while (start > 0 && char.IsAsciiLetterOrDigit(text[start - 1]) && i - start < MaxChars)
        {
            start--;
        }

        if (!char.IsAsciiLetter(text[start]) || (start > 0 && (char.IsAsciiLetterOrDigit(text[start - 1]) || text[start - 1] is '-' or '\'' or '_')))
        {
            return 0;
        }

        var n = text.Length;
        int p = start, chars = 0, digits = 0;
        while (p < n && chars <= MaxChars)
        {
            var c = text[p];
            if (char.IsAsciiLetterOrDigit(c))
            {
                chars++;
                digits += char.IsAsciiDigit(c) ? 1 : 0;
                p++;
            }
            else if (c == '-' && p + 1 < n && char.IsAsciiLetterOrDigit(text[p + 1]) && char.IsAsciiLetterOrDigit(text[p - 1]))
            {
                p++;
            }
            else
            {
                break;
            }
        }

        if (chars is < 5 or > MaxChars || digits < 3 || (p < n && text[p] is '-' or '_' or '@'))
        {
            return 0;
        }

        return ContextWords.Nearest(text, start) == ContextKind.DriverLicense ? p : 0;
    }

    /// <summary>End of an <c>ddd-dd-dddd</c> SSN glued to a label ("SSN123-45-6789"), or 0.</summary>
    private int DashedSsnEnd(int i)
    {
        var end = i + 11;
        if (end > text.Length || (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] == '-')) || text[i + 3] != '-' || text[i + 6] != '-')
        {
            return 0;
        }

        foreach (var k in (ReadOnlySpan<int>)[0, 1, 2, 4, 5, 7, 8, 9, 10])
        {
            if (!char.IsAsciiDigit(text[i + k]))
            {
                return 0;
            }
        }

        return end;
    }

    private int IbanEnd(int start)
    {
        var length = IbanCountries.LengthOf(text.Slice(start, 2));
        if (length == 0)
        {
            return 0;
        }

        Span<char> compact = stackalloc char[34];
        var got = 0;
        var p = start;
        var n = text.Length;
        while (p < n && got < length)
        {
            var c = text[p];
            if (char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c))
            {
                compact[got++] = c;
                p++;
            }
            else if (c == ' ' && got % 4 == 0 && p + 1 < n && char.IsAsciiLetterOrDigit(text[p + 1]))
            {
                p++;
            }
            else
            {
                break;
            }
        }

        if (got != length || (p < n && char.IsAsciiLetterOrDigit(text[p])) || !Checksums.IbanMod97(compact[..got]))
        {
            return 0;
        }

        return p;
    }

    private int MbiLength(int i)
    {
        var n = text.Length;
        if (text[i] == '0')
        {
            return 0;
        }

        var p = i;
        var position = 0;
        while (position < 11 && p < n)
        {
            if ((position == 4 || position == 7) && text[p] == '-')
            {
                p++;
                if (p >= n)
                {
                    return 0;
                }
            }

            var c = text[p];
            var ok = position switch
            {
                0 => c is >= '1' and <= '9',
                1 or 4 or 7 or 8 => IsMbiLetter(c),
                2 or 5 => IsMbiLetter(c) || char.IsAsciiDigit(c),
                _ => char.IsAsciiDigit(c),
            };
            if (!ok)
            {
                return 0;
            }

            p++;
            position++;
        }

        return position == 11 && (p >= n || !char.IsAsciiLetterOrDigit(text[p])) ? p - i : 0;
    }
}
