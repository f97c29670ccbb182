using DriveSync.Sanitization.Detection;

namespace DriveSync.Sanitization.Tests;

/// <summary>US street addresses: house number, street, suffix, unit, the City, ST ZIP line, PO boxes; look-alikes kept.</summary>
public sealed class AddressTests
{
    private static readonly PiiDetector Detector = new();

    public static TheoryData<string, string> Addresses => new()
    {
        { "ship to 8068 Walnut Rd #270 today", "8068 Walnut Rd #270" },
        { "moved to 7860 Maple Ave Unit 33.", "7860 Maple Ave Unit 33" },
        { "lives at 754 Juniper Road since May", "754 Juniper Road" },
        { "1600 Pennsylvania Ave NW, Washington, DC 20500", "1600 Pennsylvania Ave NW, Washington, DC 20500" },
        { "at 12 N Main St, Apt 4B, Springfield, IL 62704-1234.", "12 N Main St, Apt 4B, Springfield, IL 62704-1234" },
        { "350 5th Ave, New York, NY 10118", "350 5th Ave, New York, NY 10118" },
        { "Mail: 42 Old Mill Creek Dr. Suite 200\nAustin, TX 78701\n", "42 Old Mill Creek Dr. Suite 200\nAustin, TX 78701" },
        { "19 Cedar Trail Apt 2", "19 Cedar Trail Apt 2" },
        { "Send to PO Box 1234, Austin, TX 78701", "PO Box 1234, Austin, TX 78701" },
        { "P.O. Box 77 only", "P.O. Box 77" },
        { "{\"address\": \"754 Juniper Road, Springfield, IL 62704\"}", "754 Juniper Road, Springfield, IL 62704" },
        { "<td>42 Ocean Park Blvd</td>", "42 Ocean Park Blvd" },
    };

    public static TheoryData<string> LookAlikes => new()
    {
        "Take Route 66 west to the coast",
        "Office Suite 200 v3.1.4 released",
        "Top 10 Hiking Trail picks for 2024",
        "version 2 Park Edition is out",
        "Ocean Drive 2 speaker on sale",
        "bought 3 Main Street Apparel shirts",
        "ZIP 90210 and Springfield, IL 62704 alone",
        "Chapter 11 Trust filings and 12 Angry Men",
        "Release 4 North Star Plaza preview",
    };

    [Theory]
    [MemberData(nameof(Addresses))]
    public void FindMatches_StreetAddress_FindsWholeAddress(string text, string address)
    {
        var found = Detector.FindMatches(text).Where(m => m.Type == PiiTypes.Address).Select(m => text.Substring(m.Start, m.Length));

        Assert.Equal([address], found);
    }

    [Theory]
    [MemberData(nameof(LookAlikes))]
    public void FindMatches_StreetLikeLookAlike_FindsNothing(string text)
    {
        Assert.Empty(Detector.FindMatches(text).Select(m => $"{m.Type}:{text.Substring(m.Start, m.Length)}"));
    }

    [Fact]
    public async Task SanitizeAsync_UpperCaseNoticeAddressBlock_RedactsNameAndAddress()
    {
        const string input = "NOTICE CP2000\n\nBRIAN CLARK\n8068 WALNUT RD #270\nSPRINGFIELD IL 62704\n\nTax year 2023\n";

        var (outcome, output) = await SanitizerHarness.RunTextAsync("notice.txt", input);

        Assert.Equal("NOTICE CP2000\n\n[NAME]\n[ADDRESS]\n\nTax year 2023\n", output);
        Assert.Equal(1, outcome.CountsByType[PiiTypes.Name]);
        Assert.Equal(1, outcome.CountsByType[PiiTypes.Address]);
    }
}
