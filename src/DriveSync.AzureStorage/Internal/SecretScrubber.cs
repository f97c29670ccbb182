using System.Text.RegularExpressions;

namespace DriveSync.AzureStorage.Internal;

/// <summary>Removes SAS signatures and Shared Key signatures from text that may reach an exception message or a log.</summary>
internal static partial class SecretScrubber
{
    public static string Scrub(string text) =>
        SharedKeyPattern().Replace(SignaturePattern().Replace(text, "sig=REDACTED"), "SharedKey REDACTED");

    [GeneratedRegex(@"sig=[^&\s""'<]*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SignaturePattern();

    [GeneratedRegex(@"SharedKey\s+[^\s""'<]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SharedKeyPattern();
}
