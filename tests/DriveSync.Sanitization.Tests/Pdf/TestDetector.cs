using System.Text.RegularExpressions;
using DriveSync.Sanitization.Detection;

namespace DriveSync.Sanitization.Tests.Pdf;

/// <summary>A small regex detector for the PDF tests (SSN, e-mail, phone, account numbers), independent of the production detectors.</summary>
internal static partial class TestDetector
{
    public static IReadOnlyList<PiiMatch> Find(string text)
    {
        var matches = new List<PiiMatch>();
        foreach (Match match in Pattern().Matches(text))
        {
            var type = match.Groups["SSN"].Success ? "SSN" : match.Groups["EMAIL"].Success ? "EMAIL" : match.Groups["PHONE"].Success ? "PHONE" : "ACCOUNT";
            matches.Add(new PiiMatch(match.Index, match.Length, type));
        }

        return matches;
    }

    [GeneratedRegex(@"(?<SSN>\b\d{3}-\d{2}-\d{4}\b)|(?<EMAIL>\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b)|(?<PHONE>\(\d{3}\) ?\d{3}-\d{4}\b)|(?<ACCOUNT>\b\d{4}-\d{4}-\d{4}\b)")]
    private static partial Regex Pattern();
}
