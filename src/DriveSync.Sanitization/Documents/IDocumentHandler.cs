namespace DriveSync.Sanitization.Documents;

/// <summary>Sanitizes one document format. A handler rewrites the whole document or throws (a <see cref="DocumentQuarantineException"/> with a reason, or any exception, which quarantines it too).</summary>
public interface IDocumentHandler
{
    /// <summary>The format name reported in outcomes (text, csv, docx, pdf, …).</summary>
    string Format { get; }

    /// <summary>True when this handler takes a file with this lower-case <paramref name="extension"/> (with its dot) or <paramref name="contentType"/>.</summary>
    bool CanHandle(string extension, string? contentType);

    /// <summary>Reads <see cref="DocumentJob.Input"/>, writes the sanitized document to <see cref="DocumentJob.Output"/> and returns the output content type.</summary>
    Task<string> SanitizeAsync(DocumentJob job, CancellationToken cancellationToken);
}
