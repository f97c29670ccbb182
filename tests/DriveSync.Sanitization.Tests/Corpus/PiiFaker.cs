using System.Globalization;
using System.Numerics;

namespace DriveSync.Sanitization.Tests.Corpus;

/// <summary>Generates valid planted PII and realistic look-alikes from a seeded random source (deterministic).</summary>
internal sealed class PiiFaker(int seed)
{
    private static readonly string[] FirstNames = ["james", "mary", "robert", "patricia", "john", "jennifer", "michael", "linda", "david", "elizabeth"];
    private static readonly string[] Domains = ["example.com", "mail.example.org", "corp.example.net", "example.co.uk", "irs-example.gov"];
    private static readonly (string Country, int BbanLength, bool Letters)[] IbanCountries = [("DE", 18, false), ("GB", 18, true), ("FR", 23, false), ("NL", 14, true), ("ES", 20, false)];

    private readonly Random random = new(seed);

    private string Digits(int count) => string.Concat(Enumerable.Range(0, count).Select(_ => (char)('0' + random.Next(10))));

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    public string Ssn()
    {
        int area;
        do
        {
            area = random.Next(1, 900);
        }
        while (area == 666);

        var group = random.Next(1, 100);
        var serial = random.Next(1, 10000);
        var digits = $"{area:000}{group:00}{serial:0000}";
        return random.Next(3) switch
        {
            0 => $"{digits[..3]}-{digits[3..5]}-{digits[5..]}",
            1 => $"{digits[..3]} {digits[3..5]} {digits[5..]}",
            _ => $"{digits[..3]}-{digits[3..5]}-{digits[5..]}",
        };
    }

    /// <summary>An SSN without separators; the caller must put it after an "SSN" label.</summary>
    public string SsnCompact() => Ssn().Replace("-", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);

    public string Email()
    {
        var local = Pick(FirstNames) + Pick(new[] { ".", "_", "" }) + Pick(FirstNames) + (random.Next(3) == 0 ? random.Next(1, 99).ToString(CultureInfo.InvariantCulture) : "");
        return local + "@" + Pick(Domains);
    }

    public string Phone()
    {
        var area = random.Next(201, 990);
        var exchange = random.Next(200, 999);
        var line = Digits(4);
        return random.Next(9) switch
        {
            0 => $"({area}) {exchange}-{line}",
            1 => $"{area}-{exchange}-{line}",
            2 => $"{area}.{exchange}.{line}",
            3 => $"+1 {area} {exchange} {line}",
            4 => $"+1-{area}-{exchange}-{line}",
            5 => $"1-{area}-{exchange}-{line}",
            6 => $"+44 20 {Digits(4)} {Digits(4)}",
            7 => $"{area}-{exchange}-{line} ext. {random.Next(1, 9999)}",
            _ => $"{area} {exchange} {line}",
        };
    }

    public string Card()
    {
        var (prefix, length) = random.Next(4) switch
        {
            0 => ("4", 16),
            1 => ("5" + random.Next(1, 6), 16),
            2 => ("3" + Pick(new[] { "4", "7" }), 15),
            _ => ("6011", 16),
        };
        var body = prefix + Digits(length - prefix.Length - 1);
        var number = body + LuhnDigit(body);
        var separator = Pick(new[] { " ", "-", "" });
        if (separator.Length == 0)
        {
            return number;
        }

        return length == 15
            ? $"{number[..4]}{separator}{number[4..10]}{separator}{number[10..]}"
            : string.Join(separator, Enumerable.Range(0, 4).Select(k => number.Substring(k * 4, 4)));
    }

    /// <summary>A 16-digit number that fails the Luhn check (an order number).</summary>
    public string OrderNumber()
    {
        var body = "4" + Digits(14);
        var wrong = (char)('0' + (((LuhnDigit(body) - '0') + 1 + random.Next(8)) % 10));
        return body + wrong;
    }

    public string Iban()
    {
        var (country, bbanLength, letters) = Pick(IbanCountries);
        var bban = letters ? string.Concat(Enumerable.Range(0, 4).Select(_ => (char)('A' + random.Next(26)))) + Digits(bbanLength - 4) : Digits(bbanLength);
        var iban = country + IbanCheck(country, bban) + bban;
        return random.Next(2) == 0 ? iban : string.Join(" ", iban.Chunk(4).Select(c => new string(c)));
    }

    /// <summary>An IBAN with wrong check digits.</summary>
    public string BadIban()
    {
        var valid = Iban().Replace(" ", "", StringComparison.Ordinal);
        var check = int.Parse(valid.AsSpan(2, 2), CultureInfo.InvariantCulture);
        var wrong = ((check - 2 + 1 + random.Next(90)) % 97) + 2;
        return valid[..2] + wrong.ToString("00", CultureInfo.InvariantCulture) + valid[4..];
    }

    public string Date() => $"{random.Next(1, 13):00}/{random.Next(1, 29):00}/{random.Next(1990, 2026)}";

    public string IsoDate() => $"{random.Next(1990, 2026)}-{random.Next(1, 13):00}-{random.Next(1, 29):00}";

    public string Time() => $"{random.Next(0, 24):00}:{random.Next(0, 60):00}:{random.Next(0, 60):00}";

    public string Money() => $"${random.Next(1, 999):0},{random.Next(0, 1000):000}.{random.Next(0, 100):00}";

    public string Zip() => random.Next(2) == 0 ? Digits(5) : $"{Digits(5)}-{Digits(4)}";

    public string FormNumber() => Pick(new[] { "Form 1040", "Form W-2", "Form 1099-INT", "Schedule C", "Form 941" }) + $", line {random.Next(1, 40)}{Pick(new[] { "", "a", "b" })}";

    public string TaxYear() => random.Next(1995, 2026).ToString(CultureInfo.InvariantCulture);

    public string Version() => $"{random.Next(0, 20)}.{random.Next(0, 20)}.{random.Next(0, 500)}";

    public string Uuid() => new Guid(Enumerable.Range(0, 16).Select(_ => (byte)random.Next(256)).ToArray()).ToString();

    public string Hash() => Convert.ToHexStringLower(Enumerable.Range(0, 32).Select(_ => (byte)random.Next(256)).ToArray());

    public string Timestamp() => $"{IsoDate()}T{Time()}Z";

    public string Epoch() => (1_600_000_000 + random.Next(200_000_000)).ToString(CultureInfo.InvariantCulture);

    public string NotAnSsn() => random.Next(4) switch
    {
        0 => $"000-{Digits(2)}-{Digits(4)}",
        1 => $"666-{Digits(2)}-{Digits(4)}",
        2 => $"{random.Next(100, 900)}-00-{Digits(4)}",
        _ => $"{random.Next(100, 900)}-{random.Next(10, 100)}-0000",
    };

    private static char LuhnDigit(string body)
    {
        var sum = 0;
        for (var k = 0; k < body.Length; k++)
        {
            var d = body[body.Length - 1 - k] - '0';
            if (k % 2 == 0)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
        }

        return (char)('0' + ((10 - (sum % 10)) % 10));
    }

    private static string IbanCheck(string country, string bban)
    {
        var rearranged = bban + country + "00";
        var numeric = string.Concat(rearranged.Select(c => char.IsAsciiDigit(c) ? c.ToString() : (c - 'A' + 10).ToString(CultureInfo.InvariantCulture)));
        var remainder = (int)(BigInteger.Parse(numeric, CultureInfo.InvariantCulture) % 97);
        return (98 - remainder).ToString("00", CultureInfo.InvariantCulture);
    }
}
