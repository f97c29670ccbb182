namespace DriveSync.Sanitization.Redaction;

/// <summary>Redacted text and the number of values redacted per type.</summary>
public sealed record RedactionResult(string Text, IReadOnlyDictionary<string, long> Counts);
