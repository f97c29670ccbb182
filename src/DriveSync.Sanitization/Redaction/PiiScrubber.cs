namespace DriveSync.Sanitization.Redaction;

/// <summary>Scrubs log lines, exception messages and telemetry: the built-in detectors, type markers only.</summary>
public static class PiiScrubber
{
    private static readonly TextRedactor Redactor = new(new SanitizerOptions());

    /// <summary>The text with every detected value replaced by its type marker; null stays null.</summary>
    public static string? Scrub(string? text) => string.IsNullOrEmpty(text) ? text : Redactor.Redact(text, new RedactionCounts());
}
