using DriveSync.Sanitization.Redaction;

namespace DriveSync.Sanitization.Tests;

public sealed class RedactionTests
{
    private const string Key = "test-key-0123456789abcdef";

    [Fact]
    public void Redact_TypeMarkerMode_ReplacesWithMarkersAndCounts()
    {
        var redactor = new TextRedactor(new SanitizerOptions());

        var result = redactor.Redact("SSN 123-45-6789, SSN 219-09-9999, mail a@b.example");

        Assert.Equal("SSN [SSN], SSN [SSN], mail [EMAIL]", result.Text);
        Assert.Equal(new Dictionary<string, long> { [PiiTypes.Email] = 1, [PiiTypes.Ssn] = 2 }, result.Counts);
    }

    [Fact]
    public void Redact_MaskLast4_KeepsLastFourAndSeparators()
    {
        var redactor = new TextRedactor(new SanitizerOptions { Modes = { [PiiTypes.Ssn] = RedactionMode.MaskLast4, [PiiTypes.Card] = RedactionMode.MaskLast4 } });

        var result = redactor.Redact("SSN 123-45-6789 card 4111 1111 1111 1111 mail a@b.example");

        Assert.Equal("SSN ***-**-6789 card **** **** **** 1111 mail [EMAIL]", result.Text);
    }

    [Fact]
    public void Redact_Pseudonym_SameValueSameTokenAcrossFormatsAndInstances()
    {
        var options = new SanitizerOptions { DefaultMode = RedactionMode.Pseudonym, PseudonymKey = Key };

        var first = new TextRedactor(options).Redact("a 123-45-6789 b 123456789 c").Text;
        var second = new TextRedactor(options).Redact("SSN: 123 45 6789").Text;

        var token = first.Split(' ')[1];
        Assert.Matches(@"^\[SSN:[0-9a-f]{16}\]$", token);
        Assert.Equal($"a {token} b 123456789 c", first);
        Assert.Equal($"SSN: {token}", second);
    }

    [Fact]
    public void Redact_PseudonymWithOtherKey_GivesOtherToken()
    {
        var one = new TextRedactor(new SanitizerOptions { DefaultMode = RedactionMode.Pseudonym, PseudonymKey = Key }).Redact("x@example.com").Text;
        var two = new TextRedactor(new SanitizerOptions { DefaultMode = RedactionMode.Pseudonym, PseudonymKey = Key + "2" }).Redact("x@example.com").Text;

        Assert.NotEqual(one, two);
        Assert.StartsWith("[EMAIL:", one, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PseudonymWithoutKey_NamesTheSetting()
    {
        var errors = new SanitizerOptions { Modes = { [PiiTypes.Email] = RedactionMode.Pseudonym } }.Validate();

        Assert.Equal(["DriveSync:Sanitizer:PseudonymKey must be set (at least 16 characters) when a type uses the Pseudonym mode."], errors);
    }

    [Fact]
    public void Validate_BadCustomPatternAndLimits_NameEachSetting()
    {
        var options = new SanitizerOptions
        {
            CustomPatterns = [new CustomPatternOptions { Name = "bad name", Pattern = "(" }],
            MaxPackageEntries = 0,
            MaxCompressionRatio = 1,
        };

        var errors = options.Validate();

        Assert.Equal(
            [
                "DriveSync:Sanitizer:CustomPatterns:0:Name must be non-empty letters, digits or underscores.",
                "DriveSync:Sanitizer:CustomPatterns:0:Pattern is not a valid non-empty regular expression.",
                "DriveSync:Sanitizer:MaxPackageEntries must be at least 1.",
                "DriveSync:Sanitizer:MaxCompressionRatio must be at least 2.",
            ],
            errors);
    }

    [Fact]
    public void Validate_Defaults_AreValid()
    {
        Assert.Empty(new SanitizerOptions().Validate());
    }

    [Fact]
    public void ToString_WithKey_NeverShowsTheKey()
    {
        var text = new SanitizerOptions { PseudonymKey = Key, CustomPatterns = [new CustomPatternOptions { Name = "X", Pattern = "secret-pattern" }] }.ToString();

        Assert.DoesNotContain(Key, text, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-pattern", text, StringComparison.Ordinal);
        Assert.Contains("PseudonymKey=set", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_InvalidOptions_ThrowsWithSettingName()
    {
        var failure = Assert.Throws<InvalidOperationException>(() => new TextRedactor(new SanitizerOptions { DefaultMode = RedactionMode.Pseudonym }));

        Assert.Contains("DriveSync:Sanitizer:PseudonymKey", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnresolvedKeyVaultReference_NamesTheSetting()
    {
        var options = new SanitizerOptions { DefaultMode = RedactionMode.Pseudonym, PseudonymKey = "@Microsoft.KeyVault(VaultName=kv;SecretName=pseudonym-key)" };

        var error = Assert.Single(options.Validate());

        Assert.Contains("DriveSync:Sanitizer:PseudonymKey is an unresolved Key Vault reference", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Failed to upload for john.doe@example.com (SSN 123-45-6789)", "Failed to upload for [EMAIL] (SSN [SSN])")]
    [InlineData("status 503 after 3 retries in 1200 ms", "status 503 after 3 retries in 1200 ms")]
    [InlineData("", "")]
    [InlineData(null, null)]
    public void Scrub_LogLine_ReplacesPiiWithMarkersOnly(string? line, string? expected)
    {
        Assert.Equal(expected, PiiScrubber.Scrub(line));
    }

    [Fact]
    public void Redact_CustomPattern_UsesItsNameAndMode()
    {
        var options = new SanitizerOptions
        {
            CustomPatterns = [new CustomPatternOptions { Name = "notice_id", Pattern = @"\bCP\d{4}-\d{6}\b" }],
            Modes = { ["NOTICE_ID"] = RedactionMode.MaskLast4 },
        };

        var result = new TextRedactor(options).Redact("Notice CP2000-123456 dated 2024-01-15");

        Assert.Equal("Notice ******-**3456 dated 2024-01-15", result.Text);
        Assert.Equal(1, result.Counts["NOTICE_ID"]);
    }
}
