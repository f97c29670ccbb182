using DriveSync.Pipeline.Ports;
using DriveSync.Sanitization;
using DriveSync.Sanitization.Documents;
using DriveSync.Sanitization.Pdf;
using DriveSync.Sanitization.Redaction;

namespace DriveSync.Pipeline.Adapters;

/// <summary><see cref="IFileSanitizer"/> over DriveSync.Sanitization; the one place that knows it.</summary>
public sealed class DocumentSanitizerAdapter(DocumentSanitizer sanitizer, SanitizerOptions options) : IFileSanitizer
{
    public string Version => SanitizerVersion.Current;

    public string Policy { get; } = PolicyVersion.For(options);

    public string SanitizeName(string fileName) => FileNameSanitizer.Sanitize(fileName);

    public async Task<SanitizeResult> SanitizeAsync(string fileName, string contentType, Stream input, Stream output, CancellationToken cancellationToken)
    {
        var outcome = await sanitizer.SanitizeAsync(fileName, contentType, input, output, cancellationToken);
        var needsOcr = !outcome.IsSanitized
            && (PdfQuarantineReasons.IsOcrCandidate(outcome.QuarantineReason) || contentType.StartsWith("image/", StringComparison.OrdinalIgnoreCase));
        return new SanitizeResult(!outcome.IsSanitized, outcome.QuarantineReason, outcome.CountsByType, outcome.OutputContentType, needsOcr);
    }
}
