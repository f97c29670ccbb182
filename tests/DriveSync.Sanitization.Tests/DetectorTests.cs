using DriveSync.Sanitization.Detection;

namespace DriveSync.Sanitization.Tests;

public sealed class DetectorTests
{
    private static readonly PiiDetector Detector = new();

    public static TheoryData<string, string, string> Positives => new()
    {
        { "SSN 123-45-6789 on file", "123-45-6789", PiiTypes.Ssn },
        { "ssn: 123 45 6789.", "123 45 6789", PiiTypes.Ssn },
        { "ref SSN123-45-6789 ok", "123-45-6789", PiiTypes.Ssn },
        { "Tel: +1.555.123.4567", "+1.555.123.4567", PiiTypes.Phone },
        { "Paris +33 1 23 45 67 89", "+33 1 23 45 67 89", PiiTypes.Phone },
        { "SSN: 078051120", "078051120", PiiTypes.Ssn },
        { "Social Security Number 219099999 end", "219099999", PiiTypes.Ssn },
        { "ITIN 912-70-1234", "912-70-1234", PiiTypes.Itin },
        { "EIN: 12-3456789", "12-3456789", PiiTypes.Ein },
        { "Tax ID 98-7654321", "98-7654321", PiiTypes.Ein },
        { "mail john.doe+tax@example.co.uk today", "john.doe+tax@example.co.uk", PiiTypes.Email },
        { "<a href=\"mailto:jane_roe@mail.example.org\">", "jane_roe@mail.example.org", PiiTypes.Email },
        { "call (555) 123-4567 now", "(555) 123-4567", PiiTypes.Phone },
        { "call 555-123-4567 x123 now", "555-123-4567 x123", PiiTypes.Phone },
        { "call 555.123.4567", "555.123.4567", PiiTypes.Phone },
        { "tel +1 555 123 4567", "+1 555 123 4567", PiiTypes.Phone },
        { "1-800-555-0199 ext. 42", "1-800-555-0199 ext. 42", PiiTypes.Phone },
        { "London +44 20 7946 0958", "+44 20 7946 0958", PiiTypes.Phone },
        { "Phone: 2125551234", "2125551234", PiiTypes.Phone },
        { "card 4111 1111 1111 1111 exp", "4111 1111 1111 1111", PiiTypes.Card },
        { "card 5500-0000-0000-0004", "5500-0000-0000-0004", PiiTypes.Card },
        { "amex 378282246310005", "378282246310005", PiiTypes.Card },
        { "IBAN DE89 3704 0044 0532 0130 00 ok", "DE89 3704 0044 0532 0130 00", PiiTypes.Iban },
        { "IBAN: GB82WEST12345698765432", "GB82WEST12345698765432", PiiTypes.Iban },
        { "Routing number 021000021", "021000021", PiiTypes.Routing },
        { "Account number: 000123456789", "000123456789", PiiTypes.Account },
        { "Acct # 4400-1234-5678", "4400-1234-5678", PiiTypes.Account },
        { "from 192.168.10.254 port", "192.168.10.254", PiiTypes.IpAddress },
        { "host 2001:db8:85a3::8a2e:370:7334 up", "2001:db8:85a3::8a2e:370:7334", PiiTypes.IpAddress },
        { "DOB: 04/12/1985", "04/12/1985", PiiTypes.DateOfBirth },
        { "Date of birth 1985-04-12", "1985-04-12", PiiTypes.DateOfBirth },
        { "DOB: January 5, 1980.", "January 5, 1980", PiiTypes.DateOfBirth },
        { "born 5 Sept. 1980", "5 Sept. 1980", PiiTypes.DateOfBirth },
        { "Passport No. 123456789", "123456789", PiiTypes.Passport },
        { "passport: A12345678", "A12345678", PiiTypes.Passport },
        { "Driver's license D1234567", "D1234567", PiiTypes.DriverLicense },
        { "Medicare 1EG4-TE5-MK73", "1EG4-TE5-MK73", PiiTypes.Mbi },
        { "MBI 1EG4TE5MK73", "1EG4TE5MK73", PiiTypes.Mbi },
        { "Name: John Smith\n", "John Smith", PiiTypes.Name },
        { "Taxpayer:  Jane Q. Public, 2023", "Jane Q. Public", PiiTypes.Name },
        { "Dear Mr. O'Neil-Smith,", "O'Neil-Smith", PiiTypes.Name },
        { "FULL NAME: MARIA GARCIA", "MARIA GARCIA", PiiTypes.Name },
        { "{\"full_name\": \"Ana Lopez\", \"n\": 1}", "Ana Lopez", PiiTypes.Name },
        { "From: John Smith <", "John Smith", PiiTypes.Name },
    };

    public static TheoryData<string> LookAlikes => new()
    {
        "Meeting on 2024-01-15 at 10:30:45",
        "Due 04/15/2024, pay $1,234.56 or 1234567.89",
        "ZIP 90210 and 12345-6789",
        "See Form 1040, line 12a, and Schedule C line 31",
        "Tax year 2023 and 2022",
        "Order 4111111111111112 shipped",
        "Order number 1234567890123456",
        "version 1.2.3.4 build 10.0.19041.1",
        "id 123e4567-e89b-12d3-a456-426614174000",
        "sha256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        "timestamp 2024-01-15T10:30:00Z epoch 1700000000",
        "invoice 123456789 total",
        "isbn 978-3-16-148410-0",
        "SSN 000-12-3456 and 666-12-3456 and 123-00-4567 are invalid",
        "12 345 6789",
        "IBAN DE89 3704 0044 0532 0130 01 (bad check digits)",
        "user@localhost is not an address",
        "std::vector<int> and a::b",
        "MAC 00:1A:2B:3C:4D:5E",
        "Price 555-1234",
        "Routing number 123456789",
        "call at 10.30",
        "page 3 of 12",
        "coordinates 40.7128, -74.0060",
        "Username: admin and File name: report.pdf",
        "Name: Form 1040 and Name: the usual",
        "Note: The End. Dr.Who",
        "ITIN-like 912-45-1234 has a group outside the ITIN ranges",
        "12-3456789 without an EIN label",
        "Routing number 021000022 fails the checksum",
        "reference 12345678 is not an account",
        "addresses 999.1.1.1 and 256.256.256.256",
        "She was born in Ohio. The meeting took place on a Monday, 04/12/1985",
        "9 digits 123456789 without a passport label",
        "licence plate 7ABC123",
        "1SG4-TE5-MK73 and 0EG4-TE5-MK73 are not MBIs",
        "phone number 555-12345",
        "card 4111 1111 1111 1112 fails Luhn",
        "Notice dated January 5, 2024 for tax year 2023",
    };

    [Theory]
    [MemberData(nameof(Positives))]
    public void FindMatches_PlantedValue_FindsExactSpanAndType(string text, string value, string type)
    {
        var matches = Detector.FindMatches(text);

        var match = Assert.Single(matches);
        Assert.Equal(value, text.Substring(match.Start, match.Length));
        Assert.Equal(type, match.Type);
    }

    [Theory]
    [MemberData(nameof(LookAlikes))]
    public void FindMatches_LookAlike_FindsNothing(string text)
    {
        var matches = Detector.FindMatches(text);

        Assert.Empty(matches.Select(m => $"{m.Type}:{text.Substring(m.Start, m.Length)}"));
    }

    [Fact]
    public void FindMatches_SeveralValues_AreOrderedAndSeparate()
    {
        const string text = "a@b.io, 123-45-6789; (212) 555-0100 and 4111-1111-1111-1111";

        var types = Detector.FindMatches(text).Select(m => m.Type);

        Assert.Equal([PiiTypes.Email, PiiTypes.Ssn, PiiTypes.Phone, PiiTypes.Card], types);
    }

    [Fact]
    public void FindMatches_CustomPatternWithContext_MatchesOnlyAfterContextWord()
    {
        var options = new SanitizerOptions
        {
            CustomPatterns = [new CustomPatternOptions { Name = "CASE_ID", Pattern = @"\bCX-\d{6}\b", ContextWords = ["case"] }],
        };
        var detector = new PiiDetector(options);

        var withContext = detector.FindMatches("Case number CX-123456 closed");
        var withoutContext = detector.FindMatches("Part CX-123456 shipped");

        Assert.Equal("CASE_ID", Assert.Single(withContext).Type);
        Assert.Empty(withoutContext);
    }

    [Fact]
    public void FindMatches_SpanOverload_AppendsToList()
    {
        var results = new List<PiiMatch>();

        Detector.FindMatches("x 123-45-6789".AsSpan(), results);

        Assert.Equal(new PiiMatch(2, 11, PiiTypes.Ssn), Assert.Single(results));
    }
}
