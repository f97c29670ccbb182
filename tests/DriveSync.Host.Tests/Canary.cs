using System.Globalization;
using System.Text;

namespace DriveSync.Host.Tests;

/// <summary>Synthetic planted PII; telemetry, logs and API answers must never carry these strings.</summary>
public static class Canary
{
    public const string Ssn = "078-05-1120";
    public const string Email = "jane.canary@example.com";
    public const string Phone = "(415) 555-0142";

    /// <summary>A file name holding PII (it must reach no log or telemetry item).</summary>
    public const string FileName = "Jane Canary 078-05-1120 jane.canary@example.com";

    public static IReadOnlyList<string> All { get; } = [Ssn, Email, Phone, "078051120", "jane.canary"];

    public static byte[] TextDocument(int i) => Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
        $"Notice {i}\nTaxpayer SSN: {Ssn}\nContact: {Email} or {Phone}\nAmount due: ${i}.00\n"));

    /// <summary>Bytes no format handler accepts (a PNG header): the file is quarantined.</summary>
    public static byte[] Image { get; } = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

    /// <summary>The canaries found in <paramref name="text"/>.</summary>
    public static IReadOnlyList<string> FoundIn(string text) => All.Where(c => text.Contains(c, StringComparison.OrdinalIgnoreCase)).ToList();
}
