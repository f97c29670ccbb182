namespace DriveSync.Sanitization.Detection;

/// <summary>Check-digit validators that separate real identifiers from look-alikes.</summary>
internal static class Checksums
{
    /// <summary>Luhn (mod 10) over ASCII digits.</summary>
    public static bool Luhn(ReadOnlySpan<char> digits)
    {
        var sum = 0;
        var doubleIt = false;
        for (var k = digits.Length - 1; k >= 0; k--)
        {
            var d = digits[k] - '0';
            if (doubleIt)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            doubleIt = !doubleIt;
        }

        return sum % 10 == 0;
    }

    /// <summary>ABA routing number checksum (3-7-1 weights) over 9 digits.</summary>
    public static bool AbaRouting(ReadOnlySpan<char> d)
    {
        if (d.Length != 9)
        {
            return false;
        }

        var sum = (3 * (d[0] + d[3] + d[6] - (3 * '0'))) + (7 * (d[1] + d[4] + d[7] - (3 * '0'))) + (d[2] + d[5] + d[8] - (3 * '0'));
        var prefix = ((d[0] - '0') * 10) + (d[1] - '0');
        var validPrefix = prefix <= 12 || (prefix >= 21 && prefix <= 32) || (prefix >= 61 && prefix <= 72) || prefix == 80;
        return sum % 10 == 0 && validPrefix && sum != 0;
    }

    /// <summary>IBAN mod-97 over the compact form (country, check digits, BBAN; upper-case letters and digits).</summary>
    public static bool IbanMod97(ReadOnlySpan<char> iban)
    {
        var remainder = 0;
        for (var k = 0; k < iban.Length; k++)
        {
            var c = iban[(k + 4) % iban.Length];
            if (char.IsAsciiDigit(c))
            {
                remainder = ((remainder * 10) + (c - '0')) % 97;
            }
            else if (char.IsAsciiLetterUpper(c))
            {
                remainder = ((remainder * 100) + (c - 'A' + 10)) % 97;
            }
            else
            {
                return false;
            }
        }

        return remainder == 1;
    }
}
