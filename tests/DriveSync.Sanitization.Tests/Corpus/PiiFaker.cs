using System.Globalization;
using System.Numerics;

namespace DriveSync.Sanitization.Tests.Corpus;

/// <summary>Generates valid planted PII and realistic look-alikes from a seeded random source (deterministic).</summary>
internal sealed class PiiFaker(int seed)
{
    private static readonly string[] FirstNames = ["james", "mary", "robert", "patricia", "john", "jennifer", "michael", "linda", "david", "elizabeth"];
    private static readonly string[] Domains = ["example.com", "mail.example.org", "corp.example.net", "example.co.uk", "irs-example.gov"];
    private static readonly (string Country, int BbanLength, bool Letters)[] IbanCountries = [("DE", 18, false), ("GB", 18, true), ("FR", 23, false), ("NL", 14, true), ("ES", 20, false)];

    private static readonly string[] GivenNames =
    [
        "Brian", "Maria", "Jennifer", "David", "Sarah", "Tom", "Aisha", "Carlos", "Emily", "Kevin", "Priya", "Lucas", "Grace",
        "Omar", "Hannah", "Diego", "Chloe", "Samuel", "Fatima", "Ethan", "Olivia", "Nathan", "Mei", "Jacob", "Zoe", "Andre",
    ];

    private static readonly string[] Surnames =
    [
        "Clark", "Garcia", "Lopez", "Okafor", "Kim", "Hardy", "Nguyen", "Patel", "Johnson", "Kowalski", "Haddad", "Sato",
        "Mendoza", "Brown", "Wilson", "Anderson", "Petrov", "Williams", "Thompson", "Martinez", "Robinson", "Walker", "Adeyemi", "Fischer",
    ];

    private static readonly string[] StreetNames = ["Walnut", "Maple", "Juniper", "Cedar", "Oak", "Pine", "Elm", "Washington", "Lincoln", "Sunset", "Highland", "River", "Church", "Mill", "Park", "Lake", "Old Mill", "Spring Valley", "5th", "42nd"];
    private static readonly string[] Suffixes = ["Rd", "Road", "St", "Street", "Ave", "Avenue", "Blvd", "Dr", "Drive", "Ln", "Lane", "Ct", "Way", "Pl", "Ter", "Cir", "Pkwy"];
    private static readonly string[] UnitForms = ["", "", " #270", " Apt 4B", " Unit 33", " Suite 210", ", Apt. 12", " #5"];
    private static readonly (string City, string State, string Zip)[] Cities = [("Springfield", "IL", "62704"), ("Austin", "TX", "78701"), ("Portland", "OR", "97205"), ("Columbus", "OH", "43215"), ("Raleigh", "NC", "27601"), ("Denver", "CO", "80202")];

    private readonly Random random = new(seed);

    public string GivenName() => Pick(GivenNames);

    public string Surname() => Pick(Surnames);

    public string FullName() => $"{GivenName()} {Surname()}";

    public string Title() => Pick(new[] { "Mr.", "Ms.", "Mrs.", "Dr." });

    /// <summary>A street line: number, optional direction, street name, suffix, optional unit.</summary>
    public string Street()
    {
        var direction = random.Next(5) == 0 ? Pick(new[] { "N ", "S ", "E ", "W " }) : "";
        return $"{random.Next(1, 9999)} {direction}{Pick(StreetNames)} {Pick(Suffixes)}{Pick(UnitForms)}";
    }

    /// <summary>A city line: <c>City, ST 12345</c>.</summary>
    public string CityLine()
    {
        var (city, state, zip) = Pick(Cities);
        return random.Next(3) == 0 ? $"{city}, {state} {zip}-{Digits(4)}" : $"{city}, {state} {zip}";
    }

    /// <summary>A whole address on one line (street, sometimes with its city line; or a PO box).</summary>
    public string Address() => random.Next(6) switch
    {
        0 => $"PO Box {random.Next(1, 99999)}, {CityLine()}",
        1 or 2 => Street(),
        _ => $"{Street()}, {CityLine()}",
    };

    public string State() => Pick(new[] { "IL", "CA", "TX", "NY", "WA", "FL", "OH" });

    /// <summary>A driver-licence number in one of several state formats.</summary>
    public string DriverLicense() => random.Next(5) switch
    {
        0 => $"{(char)('A' + random.Next(26))}{Digits(3)}-{Digits(4)}-{Digits(4)}",
        1 => $"{(char)('A' + random.Next(26))}{Digits(7)}",
        2 => Digits(8),
        3 => $"{(char)('A' + random.Next(26))}{Digits(12)}",
        _ => Digits(9),
    };

    /// <summary>Ten bare digits with a valid NANP area code and exchange.</summary>
    public string BarePhone() => $"{random.Next(201, 990)}{random.Next(200, 999)}{Digits(4)}";

    /// <summary>A ten-digit order id (a look-alike of a bare phone).</summary>
    public string OrderId() => $"{random.Next(1, 10)}{Digits(9)}";

    private string Digits(int count) => string.Concat(Enumerable.Range(0, count).Select(_ => (char)('0' + random.Next(10))));

    public T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

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
