using DriveSync.Sanitization.Detection;

namespace DriveSync.Sanitization.Tests;

/// <summary>
/// The scanner skips the address attempt after a number when <see cref="AddressDetector.MayStartAt"/> says no, the
/// number detector when <see cref="NumberDetector.IsLoneNonValue"/> says yes, the written-date detector when the text has
/// no birth label and the MBI check when no capital follows a lone digit; these tests pin that at every digit run of
/// generated texts the skipped detector, run on its own, would have found nothing and resumed where the scanner does; and
/// that <see cref="NumberDetector.MayBeValue"/>, which lets a run of digit groups skip the classifier, is true for every
/// run the classifier accepts.
/// </summary>
public sealed class NumberPreCheckTests
{
    private static readonly string[] Pieces =
    [
        "12", "7", "456", "0000012", "123456", "5550136000", "4111111111111111", "+", "4111", "1111", "555", "0136", "2024", "90210", "1", "62", "8068",
        " ", " ", " ", "  ", "-", ".", "/", "(", ")", ",", ":", "#", "\n", "x ", "Box ", "PO Box ", "P.O. Box ", "Post Office Box ",
        "Main", "St", "Ave", "Walnut", "Rd", "N", "PMT", "USD", "Apt", "Unit", "Suite", "5th", "Springfield, IL ", "BRIAN CLARK\n",
        "ssn ", "card ", "account ", "dl ", "born ", "debit", "January ", "Mar. ", " 1980", "1EG4-TE5-MK73", "A", "e",
    ];

    [Fact]
    public void PreChecks_GeneratedTexts_SkipOnlyWhereTheDetectorFindsNothing()
    {
        var random = new Random(15);
        var (addressSkips, numberSkips, dateSkips, mbiSkips) = (0, 0, 0, 0);
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

                if (NumberDetector.IsLoneNonValue(text, i, runEnd, labels))
                {
                    numberSkips++;
                    var results = new List<PiiMatch>();
                    Assert.True(new NumberDetector(text, new MatchSink(results, 0), labels).Scan(i) == runEnd && results.Count == 0, $"number at {i}: \"{text}\"");
                }

                if (!labels.MayHave(ContextKind.DateOfBirth))
                {
                    dateSkips++;
                    var results = new List<PiiMatch>();
                    Assert.True(new WrittenDateDetector(text, new MatchSink(results, 0)).Scan(i) == 0 && results.Count == 0, $"written date at {i}: \"{text}\"");
                }

                if (runEnd == i + 1 && (runEnd == text.Length || !char.IsAsciiLetterUpper(text[runEnd])))
                {
                    mbiSkips++;
                    Assert.True(new AlphanumericDetector(text, new MatchSink([], 0), labels).Mbi(i) == 0, $"MBI at {i}: \"{text}\"");
                }
            }
        }

        Assert.True(
            addressSkips > 3000 && numberSkips > 3000 && dateSkips > 3000 && mbiSkips > 500,
            $"only {addressSkips} address, {numberSkips} number, {dateSkips} written-date and {mbiSkips} MBI skips: the generator does not exercise the pre-checks");
    }

    [Fact]
    public void MayBeValue_GeneratedTokens_TrueForEverySpanClassifyAccepts()
    {
        var random = new Random(16);
        string[] labels = ["", "ssn ", "ein ", "account ", "dl ", "dob ", "phone ", "routing ", "passport ", "card "];
        string[] prefixes = ["", "", "(", "+"];
        string[] separators = [" ", "-", ".", "/", ")", ") ", ")-", " (", " - "];
        var (accepted, skipped) = (0, 0);
        for (var sample = 0; sample < 20000; sample++)
        {
            var token = new System.Text.StringBuilder(labels[random.Next(labels.Length)]).Append(prefixes[random.Next(prefixes.Length)]);
            var groups = random.Next(1, 7);
            for (var g = 0; g < groups; g++)
            {
                token.Append(g == 0 ? "" : separators[random.Next(separators.Length)]);
                var length = random.Next(10) < 7 ? "12344"[random.Next(5)] - '0' : random.Next(1, 12);
                for (var k = 0; k < length; k++)
                {
                    token.Append((char)('0' + (g == 0 && k == 0 ? random.Next(1, 10) : random.Next(10))));
                }
            }

            var text = token.Append(" ok").ToString();
            var presence = LabelPresence.Of(text);
            var (gs, ge) = Groups(text);
            for (var a = 0; a < gs.Count; a++)
            {
                for (var b = a; b < gs.Count; b++)
                {
                    var start = gs[a] > 0 && text[gs[a] - 1] is '(' or '+' ? gs[a] - 1 : gs[a];
                    var results = new List<PiiMatch>();
                    new NumberDetector(text, new MatchSink(results, 0), presence).Classify(gs[a..(b + 1)].ToArray(), ge[a..(b + 1)].ToArray(), start, out var type);
                    var total = Enumerable.Range(a, b - a + 1).Sum(k => ge[k] - gs[k]);
                    var may = NumberDetector.MayBeValue(b - a + 1, total, start < gs[a] ? text[start] : '\0', presence);
                    accepted += type is null ? 0 : 1;
                    skipped += may ? 0 : 1;
                    Assert.True(type is null || may, $"{type} for groups {a}..{b} of \"{text}\"");
                }
            }
        }

        Assert.True(accepted > 2000 && skipped > 20000, $"only {accepted} accepted and {skipped} skipped spans: the generator does not exercise the pre-check");
    }

    private static (List<int> Starts, List<int> Ends) Groups(string text)
    {
        var (starts, ends) = (new List<int>(), new List<int>());
        for (var p = 0; p < text.Length; p++)
        {
            if (char.IsAsciiDigit(text[p]) && (p == 0 || !char.IsAsciiDigit(text[p - 1])))
            {
                starts.Add(p);
            }

            if (char.IsAsciiDigit(text[p]) && (p + 1 == text.Length || !char.IsAsciiDigit(text[p + 1])))
            {
                ends.Add(p + 1);
            }
        }

        return (starts, ends);
    }

    [Theory]
    [InlineData("at 12:34:56 PMT", 3, false, true)]
    [InlineData("at 56 PMT 0000012", 3, true, true)]
    [InlineData("debit 3,456.78 USD", 6, false, true)]
    [InlineData("PO Box 1234", 7, true, true)]
    [InlineData("call 555 0136 now", 5, true, false)]
    [InlineData("id 0000012 ACH", 3, false, true)]
    [InlineData("account 0000012 ACH", 8, false, false)]
    [InlineData("call (5550136", 6, false, true)]
    [InlineData("call 5550136000", 5, false, false)]
    public void PreChecks_Examples_SayWhatTheScannerSkips(string text, int i, bool mayBeAddress, bool loneNonValue)
    {
        var runEnd = i;
        while (runEnd < text.Length && char.IsAsciiDigit(text[runEnd]))
        {
            runEnd++;
        }

        Assert.Equal((mayBeAddress, loneNonValue), (AddressDetector.MayStartAt(text, i, runEnd), NumberDetector.IsLoneNonValue(text, i, runEnd, LabelPresence.Of(text))));
    }
}
