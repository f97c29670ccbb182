using DriveSync.Sanitization.Detection;

namespace DriveSync.Sanitization.Tests;

/// <summary>Person names from the name lists, always with context: greetings, signatures, role labels; common words and company names kept.</summary>
public sealed class NameTests
{
    private static readonly PiiDetector Detector = new();

    public static TheoryData<string, string> Names => new()
    {
        { "Dear Ms. Okafor,\nYour notice", "Okafor" },
        { "Dear Jennifer Lopez,\nThank you", "Jennifer Lopez" },
        { "Hello David:\nsee below", "David" },
        { "Hi Sarah, quick note", "Sarah" },
        { "Sincerely,\nMaria Garcia\nClaims Office", "Maria Garcia" },
        { "Best regards,\r\nTom Hardy\r\n", "Tom Hardy" },
        { "Thank you,\nBrian\n", "Brian" },
        { "Owner: Brian Clark\n", "Brian Clark" },
        { "Cardholder (primary): Sarah Kim\n", "Sarah Kim" },
        { "Payer #: David Okafor\n", "David Okafor" },
    };

    public static TheoryData<string> LookAlikes => new()
    {
        "Dear Valued Customer,\nwelcome",
        "Dear Sir or Madam,\nplease",
        "Sincerely,\nThe Claims Team\n",
        "Owner: Finance Team\n",
        "Contact: Support Desk\n",
        "Hello World, this is a test",
        "Thanks,\nAcme Corp\n",
        "Best,\nCustomer Service\n",
        "Paris, France and Grant Park, Chicago",
        "Member: Gold Tier\n",
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void FindMatches_NameInContext_FindsName(string text, string name)
    {
        var found = Detector.FindMatches(text).Select(m => $"{m.Type}:{text.Substring(m.Start, m.Length)}");

        Assert.Equal([$"{PiiTypes.Name}:{name}"], found);
    }

    [Theory]
    [MemberData(nameof(LookAlikes))]
    public void FindMatches_CommonWordsAndCompanies_FindsNothing(string text)
    {
        Assert.Empty(Detector.FindMatches(text).Select(m => $"{m.Type}:{text.Substring(m.Start, m.Length)}"));
    }

    [Fact]
    public async Task SanitizeAsync_Letter_RedactsGreetingSignatureAndKeepsCompany()
    {
        const string input = "Acme Corp\n\nDear Jennifer Lopez,\n\nYour claim was approved.\n\nSincerely,\nMaria Garcia\nClaims Office, Acme Corp\n";

        var (_, output) = await SanitizerHarness.RunTextAsync("letter.txt", input);

        Assert.Equal("Acme Corp\n\nDear [NAME],\n\nYour claim was approved.\n\nSincerely,\n[NAME]\nClaims Office, Acme Corp\n", output);
    }
}
