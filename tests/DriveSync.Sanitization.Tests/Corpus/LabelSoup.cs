using System.Globalization;
using System.Text;

namespace DriveSync.Sanitization.Tests.Corpus;

/// <summary>
/// Deterministic "label soup" for output-equivalence checks of the detectors' hot path: every label, title, salutation,
/// street word and month the detectors look for, beside numbers of every shape (valid and invalid SSNs, Luhn-valid and
/// invalid cards, NANP phones in every layout, dates, times, IPv4/IPv6, IBANs, MBIs, routing numbers, amounts, ids),
/// e-mails, qualified labels, address blocks, pipe and HTML tables, at random distances from each other and at chunk
/// boundaries. Not a realistic document: a dense mix that makes every branch of the scanner run, so that two builds
/// that must write the same bytes can be compared on it. Self-contained (no project types), so that the same file also
/// compiles against an older build for a before/after comparison.
/// </summary>
internal static class LabelSoup
{
    private static readonly string[] Labels =
    [
        "ssn", "SSN", "Social Security", "soc sec", "SS#", "ss no", "taxpayer id", "TIN", "tax id", "ITIN", "EIN", "FEIN",
        "employer identification", "employer id", "routing", "ABA", "RTN", "transit", "account", "Acct", "a/c", "acc no", "passport",
        "Driver", "driver's license", "License", "licence", "DL", "DLN", "DL#", "DOB", "d.o.b", "birth", "born", "birthdate",
        "birthday", "phone", "tel", "Telephone", "mobile", "cell", "fax", "call", "card", "visa", "mastercard", "amex", "order",
        "invoice", "tracking", "confirmation", "serial", "version", "ver", "build", "release", "zip", "postal", "form", "Line",
        "ticket", "ref", "reference", "receipt", "transaction", "sku", "model", "isbn", "plate", "uuid", "hash", "checksum",
        "Name", "Taxpayer", "Attn", "Patient", "Employee", "Beneficiary", "Customer", "Payee", "From", "To", "cc", "Payer", "Owner",
        "Cardholder", "Contact", "Tenant", "Doctor", "Company", "File name", "Street", "tins", "cards", "orders", "lines", "ordering",
        "dl", "Passport No.", "Driver's License (IL) #", "SSN (primary)", "Account No.", "Phone (home)",
    ];

    private static readonly string[] Words =
    [
        "the", "of", "and", "payment", "settled", "pending", "debit", "ACH", "USD", "notice", "balance", "due", "is", "on",
        "Jane", "Roe", "Omar", "Khan", "BRIAN", "CLARK", "Okafor", "Maria", "Garcia", "Acme", "Corp", "Finance", "Team", "Main",
        "Maple", "Walnut", "Juniper", "Route", "Suite", "Apt", "Unit", "St", "Ave", "Road", "Rd", "Blvd", "Park", "Trail", "N", "SW",
        "Springfield", "IL", "NY", "CA", "TX", "PO", "Box", "P.O.", "Post", "Office", "January", "Feb.", "March", "sept", "Dec",
        "Mr.", "Mrs.", "Dr.", "Ms.", "Dear", "Hello", "Hi", "Sincerely", "Regards", "Thank", "you", "ext.", "ext", "x", "#", "No.",
        "Form", "Schedule", "Page", "Total", "Status", "abc", "XY", "DE", "GB", "1st", "2nd", "42nd", "5th", "Street", "Lane",
    ];

    private static readonly string[] Names = ["Jane", "Roe", "Omar", "Khan", "BRIAN", "CLARK", "Okafor", "Maria", "Acme", "Finance"];

    private static readonly string[] StreetNames = ["Main", "Maple", "Walnut", "Juniper", "N Oak", "Route", "5th", "Lake View"];

    private static readonly string[] Suffixes = ["St", "Ave", "Road", "Rd.", "Blvd", "Park", "Trail", "Way", "Lane", "Street Apt 4B", "Ave #270", "Dr Unit 33"];

    private static readonly string[] States = ["IL", "NY", "CA", "TX", "ZZ"];

    private static readonly string[] Months = ["January", "Feb.", "March", "sept", "Dec", "Smarch"];

    private static readonly string[] Glue = [" ", " ", " ", " ", ": ", ":", " #", " # ", ", ", ". ", "\n", "\n", "\r\n", "\t", " - ", "=", "|", " | ", "\"", "(", ")", "/", "-", "."];

    private static readonly string[] Separators = [" ", "-", ".", "/", ") ", ")-", " (", " - ", ":", ",", "", ""];

    /// <summary>One soup text of about <paramref name="size"/> characters (ASCII) for <paramref name="seed"/>.</summary>
    public static string Text(int size, int seed)
    {
        var random = new Random(seed);
        var builder = new StringBuilder(size + 256);
        while (builder.Length < size)
        {
            var pick = random.Next(100);
            if (pick < 22)
            {
                builder.Append(Labels[random.Next(Labels.Length)]);
            }
            else if (pick < 45)
            {
                builder.Append(Words[random.Next(Words.Length)]);
            }
            else if (pick < 80)
            {
                AppendValue(builder, random);
            }
            else if (pick < 83)
            {
                AppendTable(builder, random);
            }
            else if (pick < 85)
            {
                builder.Append(Pick(Names, random)).Append(' ').Append(Pick(Names, random)).Append('\n')
                    .Append(random.Next(1, 99999)).Append(' ').Append(Pick(StreetNames, random)).Append(' ').Append(Pick(Suffixes, random))
                    .Append(random.Next(2) == 0 ? ", " : "\n").Append("Springfield, ").Append(Pick(States, random)).Append(' ').Append(random.Next(10000, 99999));
            }
            else
            {
                builder.Append(new string((char)random.Next('a', 'z' + 1), random.Next(1, 4)));
            }

            builder.Append(Glue[random.Next(Glue.Length)]);
        }

        return builder.ToString(0, size);
    }

    private static void AppendValue(StringBuilder builder, Random random)
    {
        switch (random.Next(16))
        {
            case 0:
                builder.Append(Invariant($"{random.Next(0, 1000):000}-{random.Next(0, 100):00}-{random.Next(0, 10000):0000}"));
                break;
            case 1:
                builder.Append(Card(random, random.Next(3) switch { 0 => " ", 1 => "-", _ => "" }, valid: random.Next(4) > 0));
                break;
            case 2:
                builder.Append(random.Next(4) switch
                {
                    0 => Invariant($"({random.Next(100, 1000)}) {random.Next(100, 1000)}-{random.Next(10000):0000}"),
                    1 => Invariant($"{random.Next(100, 1000)}.{random.Next(100, 1000)}.{random.Next(10000):0000}"),
                    2 => Invariant($"+1 {random.Next(100, 1000)} {random.Next(100, 1000)} {random.Next(10000):0000}"),
                    _ => Invariant($"1-{random.Next(100, 1000)}-{random.Next(100, 1000)}-{random.Next(10000):0000}"),
                });
                break;
            case 3:
                builder.Append(Invariant($"{random.Next(1, 13)}/{random.Next(1, 32)}/{random.Next(1930, 2030)}"));
                break;
            case 4:
                builder.Append(Invariant($"2024-{random.Next(1, 13):00}-{random.Next(1, 29):00} {random.Next(24):00}:{random.Next(60):00}:{random.Next(60):00}"));
                break;
            case 5:
                builder.Append(Invariant($"{random.Next(256)}.{random.Next(256)}.{random.Next(300)}.{random.Next(256)}"));
                break;
            case 6:
                builder.Append(random.Next(2) == 0 ? "2001:db8::" + random.Next(0x10000).ToString("x", CultureInfo.InvariantCulture) : "fe80:0:0:0:202:b3ff:fe1e:8329");
                break;
            case 7:
                builder.Append(random.Next(2) == 0 ? "DE89 3704 0044 0532 0130 00" : "GB82WEST12345698765432");
                break;
            case 8:
                builder.Append(random.Next(2) == 0 ? "1EG4-TE5-MK73" : "1EG4TE5MK73");
                break;
            case 9:
                builder.Append(random.Next(3) switch { 0 => "021000021", 1 => "011000015", _ => "123456789" });
                break;
            case 10:
                builder.Append(Invariant($"${random.Next(1, 10)},{random.Next(1000):000}.{random.Next(100):00}"));
                break;
            case 11:
                builder.Append(Invariant($"user{random.Next(100)}.{Pick(Names, random).ToLowerInvariant()}@example{random.Next(3)}.com"));
                break;
            case 12:
                builder.Append((char)random.Next('A', 'Z' + 1)).Append(random.NextInt64(1, 100_000_000_000).ToString(CultureInfo.InvariantCulture));
                break;
            case 13:
                builder.Append(Invariant($"{random.Next(1, 29)} {Pick(Months, random)} {random.Next(1930, 2030)}"));
                break;
            default:
                var groups = random.Next(1, 6);
                for (var g = 0; g < groups; g++)
                {
                    if (g > 0)
                    {
                        builder.Append(Separators[random.Next(Separators.Length)]);
                    }

                    builder.Append(random.NextInt64(0, (long)Math.Pow(10, random.Next(1, 12))).ToString(CultureInfo.InvariantCulture));
                }

                break;
        }
    }

    private static void AppendTable(StringBuilder builder, Random random)
    {
        if (random.Next(2) == 0)
        {
            builder.Append("\n| Customer | Order | Phone | Street |\n|---|---:|---|---|\n");
            for (var r = random.Next(1, 4); r > 0; r--)
            {
                builder.Append(Invariant($"| {Pick(Names, random)} {Pick(Names, random)} | {random.Next(1_000_000_000)} | {random.Next(200, 999)}{random.Next(1_000_000, 9_999_999)} | {random.Next(1, 9999)} {Pick(StreetNames, random)} {Pick(Suffixes, random)} |\n"));
            }
        }
        else
        {
            builder.Append("<table><tr><th>Name</th><th>SSN</th></tr>");
            for (var r = random.Next(1, 4); r > 0; r--)
            {
                builder.Append(Invariant($"<tr><td>{Pick(Names, random)} {Pick(Names, random)}</td><TD>{random.Next(100, 900)}-{random.Next(10, 99)}-{random.Next(1000, 9999)}</TD></tr>"));
            }

            builder.Append(random.Next(3) == 0 ? "" : "</table>");
        }
    }

    private static string Card(Random random, string separator, bool valid)
    {
        Span<int> digits = stackalloc int[16];
        digits[0] = random.Next(3) switch { 0 => 4, 1 => 5, _ => 6 };
        for (var k = 1; k < 15; k++)
        {
            digits[k] = random.Next(10);
        }

        var sum = 0;
        for (var k = 14; k >= 0; k--)
        {
            var d = (14 - k) % 2 == 0 ? digits[k] * 2 : digits[k];
            sum += d > 9 ? d - 9 : d;
        }

        digits[15] = (10 - (sum % 10) + (valid ? 0 : 1)) % 10;
        var builder = new StringBuilder(19);
        for (var k = 0; k < 16; k++)
        {
            if (k > 0 && k % 4 == 0)
            {
                builder.Append(separator);
            }

            builder.Append((char)('0' + digits[k]));
        }

        return builder.ToString();
    }

    private static string Pick(string[] words, Random random) => words[random.Next(words.Length)];

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
