namespace DriveSync.Pipeline.Ports;

/// <summary>
/// The pipeline's one view of the sanitizer. Implemented over DriveSync.Sanitization
/// (<see cref="Adapters.DocumentSanitizerAdapter"/>).
/// </summary>
public interface IFileSanitizer
{
    /// <summary>The sanitizer's version, recorded in output metadata.</summary>
    string Version { get; }

    /// <summary>
    /// The sanitizer's policy version: <see cref="Version"/> plus a hash of the options that shape outputs. An output
    /// written under another policy is stale; runs reprocess it (<c>DriveSync:Pipeline:ReprocessOnPolicyChange</c>).
    /// </summary>
    string Policy { get; }

    /// <summary>The file name with personal data replaced; safe for blob names, logs and manifests.</summary>
    string SanitizeName(string fileName);

    /// <summary>
    /// Sanitizes <paramref name="input"/> into <paramref name="output"/>. When the result is
    /// quarantined the output must be discarded.
    /// </summary>
    Task<SanitizeResult> SanitizeAsync(string fileName, string contentType, Stream input, Stream output, CancellationToken cancellationToken);
}

/// <summary>
/// The outcome of sanitizing one file: quarantined (with a reason) or rewritten (in <paramref name="OutputContentType"/>),
/// with redaction counts per PII type under the sanitizer's own type names (e.g. <c>SSN</c>).
/// <paramref name="NeedsOcr"/> is true for a quarantine that only OCR can overcome (a scan without a text layer, an image).
/// </summary>
public sealed record SanitizeResult(bool Quarantined, string? Reason, IReadOnlyDictionary<string, long> Counts, string? OutputContentType = null, bool NeedsOcr = false);
