using System.Globalization;
using System.Text;

namespace DriveSync.Bench;

/// <summary>The generated texts of the sanitizer bench: deterministic for a seed, ASCII, newline-terminated lines.</summary>
internal static class SanitizerTexts
{
    private static readonly string[] Prose =
    [
        "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.",
        "The notice explains the proposed changes to your income tax return and what you need to do within 30 days.",
        "Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat.",
    ];

    private static readonly string[] First = ["jane", "omar", "li", "ana", "raj", "maria", "kofi", "sven"];
    private static readonly string[] Last = ["doe", "khan", "wu", "silva", "okafor", "novak", "garcia", "berg"];
    private static readonly string[] Statuses = ["settled", "pending", "returned", "settled"];

    /// <summary>
    /// Sparse text: prose, log lines, CSV-like rows, and one line in ten carrying PII (SSN, e-mail, phone, card, IBAN):
    /// about one value per 200 bytes, most of the text free of digits.
    /// </summary>
    public static byte[] Sparse(int size, int seed)
    {
        var random = new Random(seed);
        var builder = new StringBuilder(size + 512);
        while (builder.Length < size)
        {
            var kind = random.Next(20);
            if (kind < 10)
            {
                builder.Append(Prose[random.Next(Prose.Length)]).Append('\n');
            }
            else if (kind < 15)
            {
                builder.Append(Invariant($"2024-{random.Next(1, 13):00}-{random.Next(1, 29):00} {random.Next(24):00}:{random.Next(60):00}:{random.Next(60):00} INFO order {4000_0000_0000_0000L + random.NextInt64(1_000_000_000_000):0} processed amount ${random.Next(1, 99)},{random.Next(1000):000}.{random.Next(100):00} zip {random.Next(10000, 99999)} build {random.Next(10)}.{random.Next(30)}.{random.Next(500)}\n"));
            }
            else if (kind < 18)
            {
                builder.Append(Invariant($"{random.Next(100000)},{random.Next(1, 13):00}/{random.Next(1, 29):00}/2024,{random.Next(50)},{random.Next(1000)}.{random.Next(100):00},Form 1040 line {random.Next(1, 40)},OK\n"));
            }
            else
            {
                builder.Append(Invariant($"Taxpayer SSN {random.Next(100, 899)}-{random.Next(10, 99)}-{random.Next(1000, 9999)}, e-mail user{random.Next(1000)}@example.com, phone ({random.Next(201, 989)}) {random.Next(200, 999)}-{random.Next(1000, 9999)}, card 4111 1111 1111 1111, IBAN DE89 3704 0044 0532 0130 00.\n"));
            }
        }

        return Encoding.ASCII.GetBytes(builder.ToString(0, size));
    }

    /// <summary>
    /// Dense text: a payment export, one line of about 90 bytes per payment (timestamp, payment id, amount, status),
    /// each carrying one value in turn — a labelled SSN, a Luhn-valid card in 4-4-4-4 groups, an e-mail, a NANP phone:
    /// one value per ~90 bytes, with the look-alikes (dates, times, ids, amounts) every such export has.
    /// </summary>
    public static byte[] Dense(int size, int seed)
    {
        var random = new Random(seed);
        var builder = new StringBuilder(size + 512);
        for (var payment = 1; builder.Length < size; payment++)
        {
            builder.Append(Invariant($"2024-{random.Next(1, 13):00}-{random.Next(1, 29):00} {random.Next(24):00}:{random.Next(60):00}:{random.Next(60):00} PMT {payment:0000000} ACH debit {random.Next(1, 10)},{random.Next(1000):000}.{random.Next(100):00} USD "));
            _ = (payment % 4) switch
            {
                0 => builder.Append("payer SSN ").Append(Ssn(random)),
                1 => builder.Append("card ").Append(Card(random)),
                2 => builder.Append("notify ").Append(First[random.Next(First.Length)]).Append('.').Append(Last[random.Next(Last.Length)])
                    .Append(random.Next(1000).ToString(CultureInfo.InvariantCulture)).Append("@example.com"),
                _ => builder.Append("callback ").Append(Invariant($"({random.Next(201, 990)}) {random.Next(200, 1000)}-{random.Next(10000):0000}")),
            };
            builder.Append(' ').Append(Statuses[random.Next(Statuses.Length)]).Append('\n');
        }

        return Encoding.ASCII.GetBytes(builder.ToString(0, size));
    }

    /// <summary>A valid SSN (area 001–899 but 666, group 01–99, serial 0001–9999), dashed.</summary>
    private static string Ssn(Random random)
    {
        var area = random.Next(1, 899);
        area = area == 666 ? 667 : area;
        return Invariant($"{area:000}-{random.Next(1, 100):00}-{random.Next(1, 10000):0000}");
    }

    /// <summary>A Luhn-valid 16-digit Visa number in groups of four.</summary>
    private static string Card(Random random)
    {
        Span<int> digits = stackalloc int[16];
        digits[0] = 4;
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

        digits[15] = (10 - (sum % 10)) % 10;
        var builder = new StringBuilder(19);
        for (var k = 0; k < 16; k++)
        {
            if (k > 0 && k % 4 == 0)
            {
                builder.Append(' ');
            }

            builder.Append((char)('0' + digits[k]));
        }

        return builder.ToString();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
