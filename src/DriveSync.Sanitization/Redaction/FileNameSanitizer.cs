using System.Buffers;

namespace DriveSync.Sanitization.Redaction;

/// <summary>Makes a file name safe to use as one path segment or blob-name segment, with PII redacted.</summary>
public static class FileNameSanitizer
{
    /// <summary>Maximum length of a sanitized name.</summary>
    public const int MaxLength = 200;

    private static readonly SearchValues<char> Forbidden = SearchValues.Create("/\\:*?\"<>|");

    private static readonly HashSet<string> ReservedNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    };

    /// <summary>The sanitized single-segment name: PII replaced by type markers, slashes, control and reserved characters replaced by '_', no "." or ".." segments, no Windows device names, at most <see cref="MaxLength"/> characters (extension kept), never empty.</summary>
    public static string Sanitize(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "unnamed";
        }

        var chars = ScrubKeepingExtension(name).ToCharArray();
        for (var k = 0; k < chars.Length; k++)
        {
            if (char.IsControl(chars[k]) || Forbidden.Contains(chars[k]) || char.IsSurrogate(chars[k]) && !IsPairAt(chars, k))
            {
                chars[k] = '_';
            }
        }

        var result = new string(chars).Trim().TrimEnd('.');
        if (result.Length == 0 || result.All(c => c == '.'))
        {
            return "unnamed";
        }

        var dot = result.IndexOf('.');
        if (ReservedNames.Contains(dot < 0 ? result : result[..dot]))
        {
            result = "_" + result;
        }

        return Truncate(result);
    }

    /// <summary>
    /// Scrubs the name; an e-mail address or other value that runs into the extension ("jane@example.com.txt")
    /// is scrubbed without taking the extension with it, unless the stem and extension together still hold PII
    /// ("jane@example.com" alone), in which case the whole name is scrubbed.
    /// </summary>
    private static string ScrubKeepingExtension(string name)
    {
        var whole = PiiScrubber.Scrub(name)!;
        var extension = Path.GetExtension(name);
        if (extension.Length is < 2 or > 10 || !extension[1..].All(char.IsAsciiLetterOrDigit) || whole.EndsWith(extension, StringComparison.Ordinal))
        {
            return whole;
        }

        var joined = PiiScrubber.Scrub(name[..^extension.Length])! + extension;
        return PiiScrubber.Scrub(joined) == joined ? joined : whole;
    }

    private static bool IsPairAt(char[] chars, int k) =>
        char.IsHighSurrogate(chars[k]) ? k + 1 < chars.Length && char.IsLowSurrogate(chars[k + 1]) : k > 0 && char.IsHighSurrogate(chars[k - 1]);

    private static string Truncate(string name)
    {
        if (name.Length <= MaxLength)
        {
            return name;
        }

        var extension = Path.GetExtension(name);
        if (extension.Length > 16)
        {
            extension = "";
        }

        var stemLength = MaxLength - extension.Length;
        if (char.IsHighSurrogate(name[stemLength - 1]))
        {
            stemLength--;
        }

        return name[..stemLength] + extension;
    }
}
