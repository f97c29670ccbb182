using System.Security.Cryptography;
using System.Text;
using DriveSync.Sanitization.Detection;

namespace DriveSync.Sanitization.Redaction;

/// <summary>Replaces detected PII in text according to the configured redaction mode per type. Thread-safe.</summary>
public sealed class TextRedactor
{
    private readonly SanitizerOptions options;
    private readonly byte[]? key;

    /// <summary>The marker and mode of each known type (built-in and custom), so that a value costs one lookup.</summary>
    private readonly Dictionary<string, (string Marker, RedactionMode Mode)> types = new(StringComparer.Ordinal);

    /// <summary>Creates a redactor from validated <paramref name="options"/>.</summary>
    /// <exception cref="InvalidOperationException">The options are invalid (the message names the setting).</exception>
    public TextRedactor(SanitizerOptions options)
    {
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException(string.Join(" ", errors));
        }

        this.options = options;
        key = options.PseudonymKey is null ? null : Encoding.UTF8.GetBytes(options.PseudonymKey);
        Detector = new PiiDetector(options);
        foreach (var type in PiiTypes.All.Concat(options.CustomPatterns.Select(p => p.Name.ToUpperInvariant())))
        {
            types[type] = ("[" + type + "]", options.ModeFor(type));
        }
    }

    /// <summary>The detector used.</summary>
    public PiiDetector Detector { get; }

    /// <summary>Redacts <paramref name="text"/>; returns the new text and the counts of this call.</summary>
    public RedactionResult Redact(string text)
    {
        var counts = new RedactionCounts();
        var redacted = Redact(text, counts);
        return new RedactionResult(redacted, counts.ToDictionary());
    }

    /// <summary>Redacts <paramref name="text"/>, adding to <paramref name="counts"/>.</summary>
    public string Redact(string text, RedactionCounts counts)
    {
        var matches = Detector.FindMatches(text);
        if (matches.Count == 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        var position = 0;
        foreach (var match in matches)
        {
            builder.Append(text, position, match.Start - position);
            builder.Append(Replacement(match.Type, text.AsSpan(match.Start, match.Length)));
            counts.Add(match.Type);
            position = match.End;
        }

        builder.Append(text, position, text.Length - position);
        return builder.ToString();
    }

    /// <summary>The replacement of one <paramref name="value"/> of <paramref name="type"/> under the configured mode.</summary>
    public string Replacement(string type, ReadOnlySpan<char> value)
    {
        var (marker, mode) = types.TryGetValue(type, out var known) ? known : ("[" + type + "]", options.ModeFor(type));
        return mode switch
        {
            RedactionMode.MaskLast4 => Mask(value),
            RedactionMode.Pseudonym => Pseudonym(type, value),
            _ => marker,
        };
    }

    /// <summary>The type marker, e.g. <c>[SSN]</c>.</summary>
    public string Marker(string type) => types.TryGetValue(type, out var known) ? known.Marker : "[" + type + "]";

    private static string Mask(ReadOnlySpan<char> value)
    {
        var chars = value.ToArray();
        var kept = 0;
        for (var k = chars.Length - 1; k >= 0; k--)
        {
            if (!char.IsLetterOrDigit(chars[k]))
            {
                continue;
            }

            if (kept < 4)
            {
                kept++;
            }
            else
            {
                chars[k] = '*';
            }
        }

        return new string(chars);
    }

    private string Pseudonym(string type, ReadOnlySpan<char> value)
    {
        var normalized = new StringBuilder(type.Length + value.Length + 1).Append(type).Append(':');
        foreach (var c in value)
        {
            if (type == PiiTypes.Email)
            {
                normalized.Append(char.ToLowerInvariant(c));
            }
            else if (char.IsLetterOrDigit(c))
            {
                normalized.Append(char.ToUpperInvariant(c));
            }
        }

        var hash = HMACSHA256.HashData(key!, Encoding.UTF8.GetBytes(normalized.ToString()));
        return "[" + type + ":" + Convert.ToHexStringLower(hash.AsSpan(0, 8)) + "]";
    }
}
