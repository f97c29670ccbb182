using DriveSync.Sanitization.Detection;

namespace DriveSync.Sanitization.Tests;

/// <summary>Values whose own shape is unambiguous are redacted whatever words surround them; context only adds values.</summary>
public sealed class UnambiguousValueTests
{
    private static readonly PiiDetector Detector = new();

    public static TheoryData<string, string, string> Unambiguous => new()
    {
        { "- after-hours line: (305) 555-0136", "(305) 555-0136", PiiTypes.Phone },
        { "Line 8b: 305-555-0136", "305-555-0136", PiiTypes.Phone },
        { "order desk 305.555.0136", "305.555.0136", PiiTypes.Phone },
        { "ticket queue 1-305-555-0136", "1-305-555-0136", PiiTypes.Phone },
        { "ref (305)555-0136", "(305)555-0136", PiiTypes.Phone },
        { "customer contact 5303 3571 7726 6910", "5303 3571 7726 6910", PiiTypes.Card },
        { "order 4111-1111-1111-1111 refunded", "4111-1111-1111-1111", PiiTypes.Card },
        { "invoice paid with 5500 0000 0000 0004", "5500 0000 0000 0004", PiiTypes.Card },
    };

    public static TheoryData<string> StillVetoed => new()
    {
        "Order 4111111111111111 shipped",
        "Invoice 4111-1111-1111-1112 fails Luhn",
        "Order 1234 5678 9012 3456 shipped",
        "Form 1040 line 212 555 0100",
        "serial 4111 1111 1111 111",
    };

    [Theory]
    [MemberData(nameof(Unambiguous))]
    public void FindMatches_UnambiguousShapeAfterVetoWord_IsStillFound(string text, string value, string type)
    {
        var match = Assert.Single(Detector.FindMatches(text));

        Assert.Equal(value, text.Substring(match.Start, match.Length));
        Assert.Equal(type, match.Type);
    }

    [Theory]
    [MemberData(nameof(StillVetoed))]
    public void FindMatches_AmbiguousShapeAfterVetoWord_IsKept(string text)
    {
        Assert.Empty(Detector.FindMatches(text).Select(m => $"{m.Type}:{text.Substring(m.Start, m.Length)}"));
    }

    [Fact]
    public async Task SanitizeAsync_CsvFreeTextCellAfterVetoWordInOtherCell_RedactsCard()
    {
        const string input = "order,notes\r\nOrder 8812,customer contact 5303 3571 7726 6910\r\nref 12,after-hours line: (305) 555-0136\r\n";

        var (_, output) = await SanitizerHarness.RunTextAsync("payments.csv", input);

        Assert.Equal("order,notes\r\nOrder 8812,customer contact [CARD]\r\nref 12,after-hours line: [PHONE]\r\n", output);
    }

    [Fact]
    public async Task SanitizeAsync_XlsxFreeTextCellAfterVetoWord_RedactsCardAndPhone()
    {
        var input = OfficeFixtures.XlsxRows(["Order", "Notes"], ["Order 8812", "customer contact 5303 3571 7726 6910"], ["Line 3", "after-hours line: (305) 555-0136"]);

        var (outcome, output) = await SanitizerHarness.RunAsync("payments.xlsx", input);

        Assert.True(outcome.IsSanitized, outcome.QuarantineReason);
        var text = OfficeFixtures.AllText(output, ".xlsx");
        Assert.Contains("customer contact [CARD]", text, StringComparison.Ordinal);
        Assert.Contains("after-hours line: [PHONE]", text, StringComparison.Ordinal);
        Assert.Contains("Order 8812", text, StringComparison.Ordinal);
    }
}
