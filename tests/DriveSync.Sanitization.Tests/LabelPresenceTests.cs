using DriveSync.Sanitization.Detection;

namespace DriveSync.Sanitization.Tests;

/// <summary>
/// <see cref="LabelPresence"/> lets the detectors skip <see cref="ContextWords.Nearest"/> for kinds absent from a text;
/// these tests pin that it never calls absent a kind that <see cref="ContextWords.Nearest"/> can return there.
/// </summary>
public sealed class LabelPresenceTests
{
    [Theory]
    [InlineData("2024-03-15 13:45:12 PMT 0001234 ACH debit 3,456.78 USD payer SSN 123-45-6789 settled", "")]
    [InlineData("According to the database, the stubborn transfer was handled by our partner.", "")]
    [InlineData("Acct: 12345678", "Account")]
    [InlineData("your A/C 12345678", "Account")]
    [InlineData("DL#M1234567 and D.O.B. 01/02/1980", "DriverLicense DateOfBirth")]
    [InlineData("ABA 021000021, PASSPORT X1234567", "Routing Passport")]
    [InlineData("xdl ydob zaba", "")]
    [InlineData("a transition (a label longer than four letters matches inside a longer word, as in Nearest)", "Routing")]
    public void Of_Examples_ReportsExactlyTheCheckedKindsWhoseLabelsStartAWord(string text, string present)
    {
        var labels = LabelPresence.Of(text);
        var expected = present.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<ContextKind>).ToHashSet();
        foreach (var kind in LabelPresence.CheckedKinds)
        {
            Assert.True(expected.Contains(kind) == labels.MayHave(kind), $"{kind} in \"{text}\"");
        }
    }

    [Fact]
    public void Of_UncheckedKinds_AreAlwaysPossiblyPresent()
    {
        var labels = LabelPresence.Of("no labels here");
        foreach (var kind in Enum.GetValues<ContextKind>().Except(LabelPresence.CheckedKinds))
        {
            Assert.True(labels.MayHave(kind), kind.ToString());
        }

        Assert.True(default(LabelPresence).MayHave(ContextKind.Account));
    }

    [Fact]
    public void Of_GeneratedText_NeverCallsAbsentAKindNearestFinds()
    {
        var random = new Random(16);
        string[] pieces = [.. ContextWords.Labels.ToArray().Select(l => l.Word), "SSN", "ACCOUNT", "Dl", "x", "s", "es", " ", " ", ": ", "#", "-", "/", ".", "\n", "42", "9", "é", "the", "abc", "data", "stub", "par"];
        for (var sample = 0; sample < 3000; sample++)
        {
            var builder = new System.Text.StringBuilder();
            while (builder.Length < 120)
            {
                builder.Append(random.Next(3) == 0 ? pieces[random.Next(pieces.Length)].ToUpperInvariant() : pieces[random.Next(pieces.Length)]);
            }

            var text = builder.ToString();
            var labels = LabelPresence.Of(text);
            for (var start = 0; start <= text.Length; start++)
            {
                var nearest = ContextWords.Nearest(text, start);
                Assert.True(labels.MayHave(nearest), $"sample {sample}, start {start}, {nearest}: \"{text}\"");
            }
        }
    }
}
