namespace DriveSync.Sanitization;

/// <summary>How a detected value is replaced in the output.</summary>
public enum RedactionMode
{
    /// <summary>The value is replaced by its type marker, e.g. <c>[SSN]</c>.</summary>
    TypeMarker,

    /// <summary>Every letter and digit except the last four is replaced by <c>*</c>; separators are kept (<c>***-**-6789</c>).</summary>
    MaskLast4,

    /// <summary>The value is replaced by a keyed token <c>[SSN:1a2b3c4d5e6f7a8b]</c> (HMAC-SHA256 of the normalized value with <see cref="SanitizerOptions.PseudonymKey"/>): the same value gives the same token in every file and run.</summary>
    Pseudonym,
}

/// <summary>A user-defined detector from configuration (case IDs, notice numbers, …).</summary>
public sealed class CustomPatternOptions
{
    /// <summary>Type name used in the marker and the counts, e.g. <c>CASE_ID</c> gives <c>[CASE_ID]</c>. Required: letters, digits and underscores.</summary>
    public string Name { get; set; } = "";

    /// <summary>.NET regular expression matching the value (matched case-sensitively, culture-invariant, 100 ms timeout per chunk). A match longer than 200 characters is ignored.</summary>
    public string Pattern { get; set; } = "";

    /// <summary>Optional context words (case-insensitive); when any are given, a match counts only if one of them occurs within the 48 characters before it. Default: none (every match counts).</summary>
    public List<string> ContextWords { get; set; } = [];
}

/// <summary>Settings of the sanitizer, bound from configuration section <c>DriveSync:Sanitizer</c>.</summary>
public sealed class SanitizerOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "DriveSync:Sanitizer";

    /// <summary>Redaction mode for every type not listed in <see cref="Modes"/>. Default: <see cref="RedactionMode.TypeMarker"/>.</summary>
    public RedactionMode DefaultMode { get; set; } = RedactionMode.TypeMarker;

    /// <summary>Redaction mode per type name (see <see cref="PiiTypes"/>, or a custom pattern's name), e.g. <c>{"SSN": "MaskLast4"}</c>. Default: empty.</summary>
    public Dictionary<string, RedactionMode> Modes { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Secret key for <see cref="RedactionMode.Pseudonym"/> (at least 16 characters). Required only when some type uses that mode. Never logged and never shown by <see cref="ToString"/>. Default: none.</summary>
    public string? PseudonymKey { get; set; }

    /// <summary>User-defined detectors. Default: none.</summary>
    public List<CustomPatternOptions> CustomPatterns { get; set; } = [];

    /// <summary>Extra CSV/TSV header names (compared lower-case with everything but letters and digits removed) mapped to a type; a column with such a header is redacted whole. They add to the built-in list (ssn, email, phone, dob, …). Default: empty.</summary>
    public Dictionary<string, string> PiiColumns { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Maximum number of entries in an OOXML (DOCX/XLSX/PPTX) package. Default: 10,000.</summary>
    public int MaxPackageEntries { get; set; } = 10_000;

    /// <summary>Maximum total decompressed size of an OOXML package, in bytes. Default: 512 MiB.</summary>
    public long MaxDecompressedBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>Maximum size of an OOXML package itself (compressed), in bytes. Default: 256 MiB.</summary>
    public long MaxPackageBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Maximum decompressed/compressed ratio of one package entry larger than 1 MiB (zip-bomb guard). Default: 100.</summary>
    public int MaxCompressionRatio { get; set; } = 100;

    /// <summary>Size in characters of the chunks the text family is streamed in; memory use is a small multiple of it, whatever the line length. Default: 65,536.</summary>
    public int TextChunkChars { get; set; } = 64 * 1024;

    /// <summary>Maximum length in characters of a CSV/TSV header line that is read for PII column names; a longer header is scanned as plain text. Default: 65,536.</summary>
    public int MaxCsvHeaderChars { get; set; } = 64 * 1024;

    /// <summary>The redaction mode for <paramref name="type"/>.</summary>
    public RedactionMode ModeFor(string type) => Modes.TryGetValue(type, out var mode) ? mode : DefaultMode;

    /// <summary>Checks the settings; each error names the setting (<c>DriveSync:Sanitizer:…</c>). Empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        var usesPseudonym = DefaultMode == RedactionMode.Pseudonym || Modes.Values.Any(m => m == RedactionMode.Pseudonym);
        if (PseudonymKey?.StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase) == true)
        {
            errors.Add($"{SectionName}:PseudonymKey is an unresolved Key Vault reference: check the app's identity can read the secret.");
        }

        if (usesPseudonym && (PseudonymKey is null || PseudonymKey.Length < 16))
        {
            errors.Add($"{SectionName}:PseudonymKey must be set (at least 16 characters) when a type uses the Pseudonym mode.");
        }

        foreach (var (type, mode) in Modes)
        {
            if (!Enum.IsDefined(mode))
            {
                errors.Add($"{SectionName}:Modes:{type} is not one of TypeMarker, MaskLast4, Pseudonym.");
            }
        }

        for (var i = 0; i < CustomPatterns.Count; i++)
        {
            var pattern = CustomPatterns[i];
            var prefix = $"{SectionName}:CustomPatterns:{i}";
            if (string.IsNullOrEmpty(pattern.Name) || !pattern.Name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                errors.Add($"{prefix}:Name must be non-empty letters, digits or underscores.");
            }

            if (!IsValidRegex(pattern.Pattern))
            {
                errors.Add($"{prefix}:Pattern is not a valid non-empty regular expression.");
            }
        }

        if (MaxPackageEntries < 1)
        {
            errors.Add($"{SectionName}:MaxPackageEntries must be at least 1.");
        }

        if (MaxDecompressedBytes < 1024)
        {
            errors.Add($"{SectionName}:MaxDecompressedBytes must be at least 1024.");
        }

        if (MaxPackageBytes < 1024)
        {
            errors.Add($"{SectionName}:MaxPackageBytes must be at least 1024.");
        }

        if (MaxCompressionRatio < 2)
        {
            errors.Add($"{SectionName}:MaxCompressionRatio must be at least 2.");
        }

        if (TextChunkChars < 4096)
        {
            errors.Add($"{SectionName}:TextChunkChars must be at least 4096.");
        }

        if (MaxCsvHeaderChars < 256)
        {
            errors.Add($"{SectionName}:MaxCsvHeaderChars must be at least 256.");
        }

        return errors;
    }

    /// <summary>A summary without the pseudonym key or the custom patterns' expressions.</summary>
    public override string ToString() =>
        $"DefaultMode={DefaultMode}, Modes={Modes.Count}, PseudonymKey={(PseudonymKey is null ? "unset" : "set")}, CustomPatterns={CustomPatterns.Count}, MaxPackageEntries={MaxPackageEntries}, MaxDecompressedBytes={MaxDecompressedBytes}";

    private static bool IsValidRegex(string pattern)
    {
        if (string.IsNullOrEmpty(pattern))
        {
            return false;
        }

        try
        {
            _ = new System.Text.RegularExpressions.Regex(pattern);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
