using System.Globalization;
using System.Text;

namespace DriveSync.Pipeline.Tests;

/// <summary>Synthetic planted PII; a scan for these strings must find nothing outside Drive.</summary>
public static class Canary
{
    public const string Name = "Jane Canary 078-05-1120";
    public const string Ssn = "078-05-1120";
    public const string Email = "jane.canary@example.com";
    public const string Phone = "(415) 555-0142";

    public static IReadOnlyList<string> All { get; } = [Ssn, Email, Phone, "078051120", "jane.canary"];

    public static byte[] TextDocument(int i) => Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
        $"Notice {i}\nTaxpayer SSN: {Ssn}\nContact: {Email} or {Phone}\nAmount due: ${i}.00\n"));

    public static byte[] CsvDocument(int i) => Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
        $"id,name,ssn,email,phone\n{i},Jane Canary,{Ssn},{Email},{Phone}\n{i + 1},Sam Sample,219-09-9999,sam@example.org,212-555-0100\n"));
}
