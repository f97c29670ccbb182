using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace DriveSync.Sanitization.Pdf;

/// <summary>Reads the built-in encoding from the clear-text part of an embedded Type1 font program (<c>dup code /name put</c>).</summary>
internal static partial class Type1BuiltInEncoding
{
    /// <summary>Code → Unicode of the program's encoding, or null when the program does not define one this reader understands.</summary>
    public static string?[]? Read(byte[] program)
    {
        var text = Encoding.Latin1.GetString(program);
        var clearTextEnd = text.IndexOf("eexec", StringComparison.Ordinal);
        var clearText = clearTextEnd >= 0 ? text[..clearTextEnd] : text;
        var encodingStart = clearText.IndexOf("/Encoding", StringComparison.Ordinal);
        if (encodingStart < 0)
        {
            return null;
        }

        var encoding = clearText[encodingStart..];
        if (encoding.StartsWith("/Encoding StandardEncoding", StringComparison.Ordinal))
        {
            return PdfEncodings.Standard;
        }

        var table = new string?[256];
        var found = false;
        foreach (Match entry in EncodingEntry().Matches(encoding))
        {
            var code = int.Parse(entry.Groups[1].Value, CultureInfo.InvariantCulture);
            if (code < 256)
            {
                table[code] = PdfEncodings.GlyphNameToUnicode(entry.Groups[2].Value);
                found = true;
            }
        }

        return found ? table : null;
    }

    [GeneratedRegex(@"dup\s+(\d{1,3})\s*/([^\s/\[\]()<>{}]+)\s+put", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex EncodingEntry();
}
