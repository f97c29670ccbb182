using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace DriveSync.Sanitization;

/// <summary>
/// The sanitizer's policy version: what decides the bytes it writes. <see cref="SanitizerVersion.Current"/> (bumped by hand
/// when detection or redaction changes) plus a stable hash of the effective options that change what is redacted and
/// how: the default mode and the mode per type, the custom patterns (name, expression, context words), the PII column
/// names and the CSV header length read for them, and, when a type uses pseudonyms, a fingerprint of the key. Resource
/// limits (package sizes, chunk size) are left out: they decide whether a file is quarantined, not what an output holds.
/// Form: <c>drivesync-sanitizer/1.1+3f9a0c12d4e5</c>; safe for metadata, manifests and logs (no option values in it).
/// </summary>
public static class PolicyVersion
{
    private const int HashBytes = 6;

    /// <summary>The policy version of <paramref name="options"/>.</summary>
    public static string For(SanitizerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(Canonical(options)));
        return SanitizerVersion.Current + "+" + Convert.ToHexStringLower(digest.AsSpan(0, HashBytes));
    }

    /// <summary>The options that shape outputs, one per line in a fixed order (dictionaries sorted, type names upper-cased, column names normalized as they are compared).</summary>
    private static string Canonical(SanitizerOptions options)
    {
        var text = new StringBuilder();
        Line(text, "default", options.DefaultMode.ToString());
        foreach (var (type, mode) in options.Modes.OrderBy(m => m.Key.ToUpperInvariant(), StringComparer.Ordinal))
            Line(text, "mode", type.ToUpperInvariant(), mode.ToString());
        foreach (var pattern in options.CustomPatterns)
        {
            Line(text, "pattern", pattern.Name, pattern.Pattern);
            foreach (var word in pattern.ContextWords.Select(w => w.ToLowerInvariant()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
                Line(text, "context", word);
        }
        foreach (var (column, type) in options.PiiColumns.Select(c => (Column: NormalizeColumn(c.Key), Type: c.Value))
                     .OrderBy(c => c.Column, StringComparer.Ordinal).ThenBy(c => c.Type, StringComparer.Ordinal))
            Line(text, "column", column, type);
        Line(text, "csvheader", options.MaxCsvHeaderChars.ToString(CultureInfo.InvariantCulture));
        var usesPseudonym = options.DefaultMode == RedactionMode.Pseudonym || options.Modes.Values.Any(m => m == RedactionMode.Pseudonym);
        if (usesPseudonym && options.PseudonymKey is { } key)
            Line(text, "key", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("drivesync-policy-key\n" + key))));
        return text.ToString();
    }

    /// <summary>One field per line; each value length-prefixed so that no value can imitate another field.</summary>
    private static void Line(StringBuilder text, string field, params string[] values)
    {
        text.Append(field);
        foreach (var value in values)
            text.Append(' ').Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value);
        text.Append('\n');
    }

    private static string NormalizeColumn(string header) => new([.. header.Where(char.IsAsciiLetterOrDigit).Select(char.ToLowerInvariant)]);
}
