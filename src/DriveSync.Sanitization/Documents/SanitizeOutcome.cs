namespace DriveSync.Sanitization.Documents;

/// <summary>The result of sanitizing one document: counts per type and the detector version, never the values.</summary>
public sealed record SanitizeOutcome
{
    /// <summary>True when the output holds the complete sanitized document.</summary>
    public required bool IsSanitized { get; init; }

    /// <summary>Why the document was not sanitized (never contains document content or PII); null when sanitized.</summary>
    public string? QuarantineReason { get; init; }

    /// <summary>Number of redacted values per type name.</summary>
    public required IReadOnlyDictionary<string, long> CountsByType { get; init; }

    /// <summary>The detector version (<see cref="SanitizerVersion.Current"/>).</summary>
    public string DetectorVersion { get; init; } = SanitizerVersion.Current;

    /// <summary>Content type of the output (the input's format); <c>application/octet-stream</c> when quarantined.</summary>
    public required string OutputContentType { get; init; }

    /// <summary>The handler's format name (text, csv, json, docx, …); <c>unknown</c> when none handled it.</summary>
    public string Format { get; init; } = "unknown";

    /// <summary>Total number of redacted values.</summary>
    public long TotalRedactions => CountsByType.Values.Sum();

    /// <summary>A quarantine outcome with <paramref name="reason"/> (which must not contain document content).</summary>
    public static SanitizeOutcome Quarantined(string reason, string format = "unknown") => new()
    {
        IsSanitized = false,
        QuarantineReason = reason,
        CountsByType = new Dictionary<string, long>(),
        OutputContentType = "application/octet-stream",
        Format = format,
    };
}
