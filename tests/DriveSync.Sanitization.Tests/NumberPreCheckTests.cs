using DriveSync.Sanitization.Detection;

namespace DriveSync.Sanitization.Tests;

/// <summary>
/// The scanner skips the address attempt after a number when <see cref="AddressDetector.MayStartAt"/> says no, and the
/// number detector when <see cref="NumberDetector.IsLoneShort"/> says yes; these tests pin that at every digit run of
/// generated texts the skipped detector, run on its own, would have found nothing and resumed where the scanner does.
/// </summary>
public sealed class NumberPreCheckTests
{
    private static readonly string[] Pieces =
    [
        "12", "7", "456", "0000012", "123456", "4111", "1111", "555", "0136", "2024", "90210", "1", "62", "8068",
        " ", " ", " ", "  ", "-", ".", "/", "(", ")", ",", ":", "#", "\n", "x ", "Box ", "PO Box ", "P.O. Box ", "Post Office Box ",
        "Main", "St", "Ave", "Walnut", "Rd", "N", "PMT", "USD", "Apt", "Unit", "Suite", "5th", "Springfield, IL ", "BRIAN CLARK\n",
        "ssn ", "card ", "account ", "dl ", "born ", "debit",
    ];

    [Fact]
    public void PreChecks_GeneratedTexts_SkipOnlyWhereTheDetectorFindsNothing()
    {
        var random = new Random(15);
        var (addressSkips, numberSkips) = (0, 0);
        for (var sample = 0; sample < 3000; sample++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(2, 30)).Select(_ => Pieces[random.Next(Pieces.Length)]));
            var labels = LabelPresence.Of(text);
            for (var i = 0; i < text.Length; i++)
            {
                if (!char.IsAsciiDigit(text[i]) || (i > 0 && char.IsAsciiLetterOrDigit(text[i - 1])))
                {
                    continue;
                }

                var runEnd = i;
                while (runEnd < text.Length && char.IsAsciiDigit(text[runEnd]))
                {
                    runEnd++;
                }

                if (!AddressDetector.MayStartAt(text, i, runEnd))
                {
                    addressSkips++;
                    var results = new List<PiiMatch>();
                    Assert.True(new AddressDetector(text, new MatchSink(results, 0)).Scan(i) == 0 && results.Count == 0, $"address at {i}: \"{text}\"");
                }

                if (NumberDetector.IsLoneShort(text, i, runEnd))
                {
                    numberSkips++;
                    var results = new List<PiiMatch>();
                    Assert.True(new NumberDetector(text, new MatchSink(results, 0), labels).Scan(i) == runEnd && results.Count == 0, $"number at {i}: \"{text}\"");
                }
            }
        }

        Assert.True(addressSkips > 3000 && numberSkips > 3000, $"only {addressSkips} address and {numberSkips} number skips: the generator does not exercise the pre-checks");
    }

    [Theory]
    [InlineData("at 12:34:56 PMT", 3, false, true)]
    [InlineData("at 56 PMT 0000012", 3, true, true)]
    [InlineData("debit 3,456.78 USD", 6, false, true)]
    [InlineData("PO Box 1234", 7, true, true)]
    [InlineData("call 555 0136 now", 5, true, false)]
    [InlineData("id 0000012 ACH", 3, false, false)]
    public void PreChecks_Examples_SayWhatTheScannerSkips(string text, int i, bool mayBeAddress, bool loneShort)
    {
        var runEnd = i;
        while (runEnd < text.Length && char.IsAsciiDigit(text[runEnd]))
        {
            runEnd++;
        }

        Assert.Equal((mayBeAddress, loneShort), (AddressDetector.MayStartAt(text, i, runEnd), NumberDetector.IsLoneShort(text, i, runEnd)));
    }
}
