using DriveSync.Sanitization.Detection;

namespace DriveSync.Sanitization.Tests;

/// <summary>
/// The scanner skips the IPv6 check at colons that share a candidate just rejected (<c>sameUntil</c>); these tests pin
/// that every such colon, checked on its own, is rejected the same way.
/// </summary>
public sealed class Ipv6DetectorTests
{
    [Fact]
    public void Scan_GeneratedRuns_ColonsBeforeSameUntilAreRejectedToo()
    {
        var random = new Random(6);
        const string Alphabet = "0123456789abcdefABCDEF::::.. -_xg\n";
        var skipped = 0;
        for (var sample = 0; sample < 4000; sample++)
        {
            var chars = new char[random.Next(2, 120)];
            for (var k = 0; k < chars.Length; k++)
            {
                chars[k] = Alphabet[random.Next(Alphabet.Length)];
            }

            var text = new string(chars);
            for (var at = 0; at < text.Length; at++)
            {
                if (text[at] != ':' || Scan(text, at, out var sameUntil) != (at + 1, 0))
                {
                    continue;
                }

                for (var c = at + 1; c < sameUntil; c++)
                {
                    if (text[c] == ':')
                    {
                        skipped++;
                        Assert.True(Scan(text, c, out _) == (c + 1, 0), $"sample {sample}: colon {c} after the rejected one at {at}: \"{text}\"");
                    }
                }
            }
        }

        Assert.True(skipped > 1000, $"only {skipped} colons were skippable: the generator does not exercise the shortcut");
    }

    [Theory]
    [InlineData("at 13:45:12 PMT", 5, 11)]
    [InlineData("fe80::1 x", 4, 0)]
    public void Scan_Examples_SetSameUntilOnlyForAWholeRejectedCandidate(string text, int at, int expected)
    {
        Scan(text, at, out var sameUntil);
        Assert.Equal(expected, sameUntil);
    }

    [Fact]
    public void FindMatches_TimesAndAddressesTogether_FindsTheAddressOnly()
    {
        var matches = new PiiDetector().FindMatches("13:45:12 then 2001:db8::8a2e:370:7334 at 09:10:11.");
        var match = Assert.Single(matches);
        Assert.Equal((14, "IP"), (match.Start, match.Type));
    }

    private static (int Resume, int Added) Scan(string text, int at, out int sameUntil)
    {
        var results = new List<PiiMatch>();
        var resume = new Ipv6Detector(text, new MatchSink(results, 0)).Scan(at, out sameUntil);
        return (resume, results.Count);
    }
}
