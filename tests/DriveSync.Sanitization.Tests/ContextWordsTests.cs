using DriveSync.Sanitization.Detection;

namespace DriveSync.Sanitization.Tests;

/// <summary>
/// <see cref="ContextWords.Nearest"/> walks word starts with a two-character index; these tests pin it to the plain
/// definition (every end position from the candidate back, the longest label ending there first) on generated text.
/// </summary>
public sealed class ContextWordsTests
{
    private static readonly (string Word, ContextKind Kind)[] LongestFirst = [.. ContextWords.Labels.ToArray().OrderByDescending(l => l.Word.Length)];

    [Fact]
    public void Labels_EveryLabel_StartsWithTwoLowerCaseCharactersTheIndexCanHold()
    {
        foreach (var (word, _) in ContextWords.Labels)
        {
            Assert.True(word.Length >= 2 && char.IsAsciiLetterLower(word[0]) && word[1] < 128 && !char.IsAsciiLetterUpper(word[1]), word);
            Assert.Equal(word.ToLowerInvariant(), word);
        }
    }

    [Theory]
    [InlineData("Routing 021000021 Account 12345678", 26, "Account")]
    [InlineData("Routing 021000021 Account 12345678", 8, "Routing")]
    [InlineData("social security: 123456789", 18, "Ssn")]
    [InlineData("SSNs 123456789", 5, "Ssn")]
    [InlineData("SSNx 123456789", 5, "None")]
    [InlineData("dl#123456", 3, "DriverLicense")]
    [InlineData("order number for your card 4111", 27, "Card")]
    [InlineData("a card and an order 4111", 20, "NotPii")]
    [InlineData("employer identification 12-3456789", 24, "Ein")]
    [InlineData("contin 123456", 7, "None")]
    public void Nearest_Examples_FindTheLabelEndingNearest(string text, int start, string expected)
    {
        Assert.Equal(Enum.Parse<ContextKind>(expected), ContextWords.Nearest(text, start));
    }

    [Fact]
    public void Nearest_GeneratedText_AgreesWithThePlainDefinitionEverywhere()
    {
        var random = new Random(15);
        string[] pieces = [.. ContextWords.Labels.ToArray().Select(l => l.Word), "SSN", "Card", "ACCOUNT", "tin", "x", "s", "es", "ed", " ", " ", ": ", "#", "-", "/", ".", "\n", "42", "9", "é", "the", "cont", "abc", "order", "Ref"];
        for (var sample = 0; sample < 3000; sample++)
        {
            var builder = new System.Text.StringBuilder();
            while (builder.Length < 120)
            {
                builder.Append(pieces[random.Next(pieces.Length)]);
            }

            var text = builder.ToString();
            for (var start = 0; start <= text.Length; start++)
            {
                Assert.True(Reference(text, start) == ContextWords.Nearest(text, start), $"sample {sample}, start {start}: \"{text}\"");
            }
        }
    }

    /// <summary>The definition: from the candidate back, the first end position where a label ends (longest label first).</summary>
    private static ContextKind Reference(string text, int start)
    {
        var from = Math.Max(0, start - ContextWords.Window);
        for (var end = start; end > from; end--)
        {
            var rightOk = end >= start || !char.IsAsciiLetter(text[end]) || char.ToLowerInvariant(text[end]) == 's';
            foreach (var (word, kind) in LongestFirst)
            {
                var at = end - word.Length;
                if (at >= from && (rightOk || word.Length > 4) && (at == 0 || !char.IsAsciiLetter(text[at - 1]))
                    && text.AsSpan(at, word.Length).Equals(word, StringComparison.OrdinalIgnoreCase))
                {
                    return kind;
                }
            }
        }

        return ContextKind.None;
    }
}
