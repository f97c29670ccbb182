namespace DriveSync.Sanitization.Tests;

public sealed class PolicyVersionTests
{
    private const string Key = "test-key-0123456789abcdef";

    [Fact]
    public void For_DefaultOptions_IsTheSanitizerVersionPlusAStableHash()
    {
        var version = PolicyVersion.For(new SanitizerOptions());

        Assert.Matches(@"^drivesync-sanitizer/1\.1\+[0-9a-f]{12}$", version);
        Assert.StartsWith(SanitizerVersion.Current + "+", version, StringComparison.Ordinal);
        Assert.Equal(version, PolicyVersion.For(new SanitizerOptions()));
    }

    [Fact]
    public void For_NewCustomPattern_ChangesTheVersion()
    {
        var before = PolicyVersion.For(new SanitizerOptions());

        var after = PolicyVersion.For(new SanitizerOptions { CustomPatterns = { new CustomPatternOptions { Name = "CASE_ID", Pattern = @"CASE-\d{6}" } } });

        Assert.NotEqual(before, after);
    }

    [Theory]
    [InlineData("mode")]
    [InlineData("default")]
    [InlineData("column")]
    [InlineData("context")]
    [InlineData("pattern")]
    [InlineData("csvheader")]
    public void For_OptionThatShapesOutputs_ChangesTheVersion(string change)
    {
        var baseline = Options();
        var changed = Options();
        switch (change)
        {
            case "mode": changed.Modes[PiiTypes.Ssn] = RedactionMode.TypeMarker; break;
            case "default": changed.DefaultMode = RedactionMode.MaskLast4; break;
            case "column": changed.PiiColumns["member number"] = "MEMBER"; break;
            case "context": changed.CustomPatterns[0].ContextWords.Add("file"); break;
            case "pattern": changed.CustomPatterns[0].Pattern = @"CASE-\d{7}"; break;
            default: changed.MaxCsvHeaderChars = 1024; break;
        }

        Assert.NotEqual(PolicyVersion.For(baseline), PolicyVersion.For(changed));
    }

    [Fact]
    public void For_SameSettingsInAnotherOrderOrCase_GivesTheSameVersion()
    {
        var first = new SanitizerOptions
        {
            Modes = { [PiiTypes.Ssn] = RedactionMode.MaskLast4, [PiiTypes.Email] = RedactionMode.TypeMarker },
            PiiColumns = { ["Member No"] = "MEMBER", ["badge"] = "BADGE" },
            CustomPatterns = { new CustomPatternOptions { Name = "CASE_ID", Pattern = @"CASE-\d{6}", ContextWords = ["Case", "file"] } },
        };
        var second = new SanitizerOptions
        {
            Modes = { ["email"] = RedactionMode.TypeMarker, ["ssn"] = RedactionMode.MaskLast4 },
            PiiColumns = { ["BADGE"] = "BADGE", ["member-no"] = "MEMBER" },
            CustomPatterns = { new CustomPatternOptions { Name = "CASE_ID", Pattern = @"CASE-\d{6}", ContextWords = ["FILE", "case"] } },
        };

        Assert.Equal(PolicyVersion.For(first), PolicyVersion.For(second));
    }

    [Fact]
    public void For_ResourceLimitsChanged_KeepsTheVersion()
    {
        var changed = new SanitizerOptions { MaxPackageEntries = 5, MaxDecompressedBytes = 4096, MaxPackageBytes = 4096, MaxCompressionRatio = 3, TextChunkChars = 8192 };

        Assert.Equal(PolicyVersion.For(new SanitizerOptions()), PolicyVersion.For(changed));
    }

    [Fact]
    public void For_PseudonymKey_CountsOnlyWhenATypeUsesPseudonymsAndNeverAppears()
    {
        var unused = PolicyVersion.For(new SanitizerOptions { PseudonymKey = Key });
        var first = PolicyVersion.For(new SanitizerOptions { DefaultMode = RedactionMode.Pseudonym, PseudonymKey = Key });
        var second = PolicyVersion.For(new SanitizerOptions { DefaultMode = RedactionMode.Pseudonym, PseudonymKey = Key + "-rotated" });

        Assert.Equal(PolicyVersion.For(new SanitizerOptions()), unused);
        Assert.NotEqual(first, second);
        Assert.DoesNotContain(Key, first, StringComparison.Ordinal);
    }

    private static SanitizerOptions Options() => new()
    {
        Modes = { [PiiTypes.Ssn] = RedactionMode.MaskLast4 },
        CustomPatterns = { new CustomPatternOptions { Name = "CASE_ID", Pattern = @"CASE-\d{6}", ContextWords = ["case"] } },
    };
}
