using DriveSync.Sanitization.Detection;

namespace DriveSync.Sanitization.Tests;

/// <summary>The scanner's anchor test: a hand-written bitmask that must say yes for exactly the anchor characters.</summary>
public sealed class BuiltInScannerTests
{
    [Fact]
    public void IsAnchor_EveryChar_TrueExactlyForTheAnchorCharacters()
    {
        var anchors = 0;
        for (var c = char.MinValue; c < char.MaxValue; c++)
        {
            var expected = BuiltInScanner.AnchorChars.Contains(c);
            Assert.True(expected == BuiltInScanner.IsAnchor(c), $"U+{(int)c:X4}");
            anchors += expected ? 1 : 0;
        }

        Assert.Equal(BuiltInScanner.AnchorChars.Length, anchors);
        Assert.False(BuiltInScanner.IsAnchor(char.MaxValue));
    }
}
