using System.Globalization;
using System.Text;

namespace DriveSync.Sanitization.Tests.Pdf;

/// <summary>Writes text as a PDF string operand for the fixture fonts.</summary>
internal static class TextEncoders
{
    /// <summary>A literal string for a WinAnsi/standard font.</summary>
    public static string Literal(string text)
    {
        var builder = new StringBuilder("(");
        foreach (var c in text)
        {
            if (c is '(' or ')' or '\\')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.Append(')').ToString();
    }

    /// <summary>A hex string for the Differences font, where code = ASCII − 31.</summary>
    public static string Differences(string text) =>
        "<" + string.Concat(text.Select(c => ((byte)(c - 31)).ToString("X2", CultureInfo.InvariantCulture))) + ">";

    /// <summary>A hex string of two-byte codes (Identity-H, CID = Unicode code point).</summary>
    public static string Identity(string text) =>
        "<" + string.Concat(text.Select(c => ((int)c).ToString("X4", CultureInfo.InvariantCulture))) + ">";
}
