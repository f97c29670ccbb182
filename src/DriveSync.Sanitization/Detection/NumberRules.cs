namespace DriveSync.Sanitization.Detection;

/// <summary>Validation rules for digit strings: SSN/ITIN ranges, card issuers, dates, IPv4 octets, and labelled bare numbers.</summary>
internal static class NumberRules
{
    /// <summary>
    /// False when <see cref="SingleNumber"/> must return null for <paramref name="length"/> digits because no label of a
    /// kind it accepts at that length occurs in the text (so the look-back for the nearest label can be skipped).
    /// </summary>
    public static bool MayBeLabelled(int length, LabelPresence labels) =>
        (length == 9 && (labels.MayHave(ContextKind.Ssn) || labels.MayHave(ContextKind.Itin) || labels.MayHave(ContextKind.Ein)
            || labels.MayHave(ContextKind.Routing) || labels.MayHave(ContextKind.Passport)))
        || (length is >= 6 and <= 17 && labels.MayHave(ContextKind.Account))
        || (length is >= 6 and <= 14 && labels.MayHave(ContextKind.DriverLicense))
        || (length is 10 or 11 && labels.MayHave(ContextKind.Phone));

    public static string? SingleNumber(ReadOnlySpan<char> digits, ContextKind context)
    {
        var total = digits.Length;
        return context switch
        {
            ContextKind.Ssn when total == 9 => SsnType(digits),
            ContextKind.Itin when total == 9 && IsItin(digits) => PiiTypes.Itin,
            ContextKind.Ein when total == 9 => PiiTypes.Ein,
            ContextKind.Routing when Checksums.AbaRouting(digits) => PiiTypes.Routing,
            ContextKind.Passport when total == 9 => PiiTypes.Passport,
            ContextKind.Account when total is >= 6 and <= 17 => PiiTypes.Account,
            ContextKind.DriverLicense when total is >= 6 and <= 14 => PiiTypes.DriverLicense,
            ContextKind.Phone when (total == 10 && digits[0] >= '2') || (total == 11 && digits[0] == '1' && digits[1] >= '2') => PiiTypes.Phone,
            _ => null,
        };
    }

    public static string? SsnType(ReadOnlySpan<char> d)
    {
        if (d[3] == '0' && d[4] == '0')
        {
            return null;
        }

        if (d[5] == '0' && d[6] == '0' && d[7] == '0' && d[8] == '0')
        {
            return null;
        }

        if (d[0] == '9')
        {
            return IsItin(d) ? PiiTypes.Itin : null;
        }

        var area = d[..3];
        return area is "000" or "666" ? null : PiiTypes.Ssn;
    }

    public static bool IsItin(ReadOnlySpan<char> d)
    {
        if (d[0] != '9')
        {
            return false;
        }

        var group = ((d[3] - '0') * 10) + (d[4] - '0');
        return group is (>= 50 and <= 65) or (>= 70 and <= 88) or (>= 90 and <= 92) or (>= 94 and <= 99);
    }

    public static bool CardIssuer(ReadOnlySpan<char> d)
    {
        var length = d.Length;
        var two = ((d[0] - '0') * 10) + (d[1] - '0');
        var four = (two * 100) + ((d[2] - '0') * 10) + (d[3] - '0');
        return d[0] switch
        {
            '4' => length is 13 or 16 or 19,
            '5' => (two is >= 51 and <= 55 && length == 16) || (two is 50 or (>= 56 and <= 59) && length >= 12),
            '2' => four is >= 2221 and <= 2720 && length == 16,
            '3' => (two is 34 or 37 && length == 15) || (two is 36 or 38 or 39 or 30 && length is >= 14 and <= 19)
                || (four is >= 3528 and <= 3589 && length is >= 16 and <= 19),
            '6' => length is >= 16 and <= 19,
            _ => false,
        };
    }

    public static bool IsDate(ReadOnlySpan<int> lens, ReadOnlySpan<char> d)
    {
        static int Value(ReadOnlySpan<char> s)
        {
            var v = 0;
            foreach (var c in s)
            {
                v = (v * 10) + (c - '0');
            }

            return v;
        }

        int month, day;
        if (lens[0] == 4 && lens[1] <= 2 && lens[2] <= 2)
        {
            month = Value(d.Slice(4, lens[1]));
            day = Value(d.Slice(4 + lens[1], lens[2]));
        }
        else if (lens[0] <= 2 && lens[1] <= 2 && lens[2] is 2 or 4)
        {
            var first = Value(d[..lens[0]]);
            var second = Value(d.Slice(lens[0], lens[1]));
            (month, day) = first > 12 ? (second, first) : (first, second);
        }
        else
        {
            return false;
        }

        return month is >= 1 and <= 12 && day is >= 1 and <= 31;
    }

    public static bool IsIpv4(ReadOnlySpan<int> lens, ReadOnlySpan<char> d)
    {
        var offset = 0;
        foreach (var length in lens)
        {
            if (length > 3)
            {
                return false;
            }

            var value = 0;
            foreach (var c in d.Slice(offset, length))
            {
                value = (value * 10) + (c - '0');
            }

            if (value > 255)
            {
                return false;
            }

            offset += length;
        }

        return true;
    }
}
