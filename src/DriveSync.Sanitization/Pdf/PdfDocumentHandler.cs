using DriveSync.Sanitization.Documents;

namespace DriveSync.Sanitization.Pdf;

/// <summary>The <c>.pdf</c> format handler: true redaction of text PDFs through <see cref="PdfRedactor"/>; refusals become quarantine reasons.</summary>
public sealed class PdfDocumentHandler : IDocumentHandler
{
    /// <summary>The content type of PDF files.</summary>
    public const string ContentType = "application/pdf";

    private readonly PdfRedactionOptions options;
    private readonly PdfRedactor redactor;

    /// <summary>Creates the handler with <paramref name="options"/> (defaults when null).</summary>
    public PdfDocumentHandler(PdfRedactionOptions? options = null)
    {
        this.options = options ?? new PdfRedactionOptions();
        redactor = new PdfRedactor(this.options);
    }

    /// <inheritdoc />
    public string Format => "pdf";

    /// <inheritdoc />
    public bool CanHandle(string extension, string? contentType) =>
        extension == ".pdf" || string.Equals(contentType, ContentType, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public async Task<string> SanitizeAsync(DocumentJob job, CancellationToken cancellationToken)
    {
        var input = await ReadAllAsync(job.Input, cancellationToken);
        PdfRedactionResult result;
        try
        {
            result = redactor.Redact(input, job.Redactor.Detector.FindMatches, cancellationToken);
        }
        catch (PdfRedactionException refused)
        {
            throw new DocumentQuarantineException(refused.Message);
        }

        foreach (var (type, count) in result.CountsByType)
        {
            job.Counts.Add(type, count);
        }

        await job.Output.WriteAsync(result.Output, cancellationToken);
        return ContentType;
    }

    private async Task<byte[]> ReadAllAsync(Stream input, CancellationToken cancellationToken)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await input.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > options.MaxBytes)
            {
                throw new DocumentQuarantineException("PDF is larger than DriveSync:Pdf:MaxBytes");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
