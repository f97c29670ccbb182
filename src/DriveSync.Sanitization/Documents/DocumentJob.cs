using DriveSync.Sanitization.Redaction;

namespace DriveSync.Sanitization.Documents;

/// <summary>Everything a handler needs for one document.</summary>
public sealed class DocumentJob
{
    /// <summary>The document's file name (for the extension only; it may contain PII, never log it).</summary>
    public required string FileName { get; init; }

    /// <summary>The lower-case extension with its dot (".docx"), or "" when there is none.</summary>
    public required string Extension { get; init; }

    /// <summary>The content type reported by the source, if any.</summary>
    public string? ContentType { get; init; }

    /// <summary>The original bytes (read once, forward; may be non-seekable).</summary>
    public required Stream Input { get; init; }

    /// <summary>Where the sanitized bytes go.</summary>
    public required Stream Output { get; init; }

    /// <summary>The redactor configured from the options; it adds to <see cref="Counts"/>.</summary>
    public required TextRedactor Redactor { get; init; }

    /// <summary>The sanitizer settings (limits).</summary>
    public required SanitizerOptions Options { get; init; }

    /// <summary>Counts per type for this document; handlers add to it through <see cref="Redactor"/> or <see cref="RedactionCounts.Add(string, long)"/>.</summary>
    public RedactionCounts Counts { get; } = new();
}
