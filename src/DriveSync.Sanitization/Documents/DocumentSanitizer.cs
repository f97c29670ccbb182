using System.Text.RegularExpressions;
using DriveSync.Sanitization.Redaction;

namespace DriveSync.Sanitization.Documents;

/// <summary>Sanitizes one document by dispatching it to the format handler for its extension or content type; fails closed. Thread-safe.</summary>
public sealed partial class DocumentSanitizer
{
    private readonly SanitizerOptions options;
    private readonly IReadOnlyList<IDocumentHandler> handlers;

    /// <summary>Creates a sanitizer with the built-in handlers (<see cref="DocumentHandlers.CreateDefault"/>) followed by <paramref name="additionalHandlers"/>.</summary>
    /// <exception cref="InvalidOperationException">The options are invalid (the message names the setting).</exception>
    public DocumentSanitizer(SanitizerOptions options, IEnumerable<IDocumentHandler>? additionalHandlers = null)
    {
        this.options = options;
        Redactor = new TextRedactor(options);
        handlers = [.. DocumentHandlers.CreateDefault(), .. additionalHandlers ?? []];
    }

    /// <summary>The redactor used for documents (also usable for loose text).</summary>
    public TextRedactor Redactor { get; }

    /// <summary>True when some handler takes this file.</summary>
    public bool IsSupported(string fileName, string? contentType) => Find(ExtensionOf(fileName), contentType) is not null;

    /// <summary>
    /// Reads <paramref name="input"/> and writes the sanitized document to <paramref name="output"/>.
    /// When the outcome is a quarantine (<see cref="SanitizeOutcome.IsSanitized"/> false) the caller MUST discard whatever
    /// was written to <paramref name="output"/>: it may hold a partial document. Never throws for bad input
    /// (only for cancellation, and for failures of <paramref name="input"/> or <paramref name="output"/> themselves, which
    /// propagate unchanged: they are I/O failures to retry, not bad documents); the quarantine reason never contains
    /// document content.
    /// Handlers are chosen by extension first, then (for files without a known extension) by content type.
    /// </summary>
    public async Task<SanitizeOutcome> SanitizeAsync(string fileName, string? contentType, Stream input, Stream output, CancellationToken cancellationToken)
    {
        var extension = ExtensionOf(fileName);
        var handler = Find(extension, contentType);
        if (handler is null)
        {
            return SanitizeOutcome.Quarantined($"unsupported format ({Describe(extension, contentType)})");
        }

        var counting = new CountingReadStream(input);
        var watched = new WatchedWriteStream(output);
        var job = new DocumentJob
        {
            FileName = fileName,
            Extension = extension,
            ContentType = contentType,
            Input = counting,
            Output = watched,
            Redactor = Redactor,
            Options = options,
        };
        try
        {
            var outputContentType = await handler.SanitizeAsync(job, cancellationToken);
            if (counting.BytesRead == 0)
            {
                return SanitizeOutcome.Quarantined("empty file (0 bytes)", handler.Format);
            }

            await watched.FlushAsync(cancellationToken);
            return new SanitizeOutcome
            {
                IsSanitized = true,
                CountsByType = job.Counts.ToDictionary(),
                OutputContentType = outputContentType,
                Format = handler.Format,
            };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception) when (counting.Failed || watched.Failed)
        {
            throw;
        }
        catch (DocumentQuarantineException rejected)
        {
            return SanitizeOutcome.Quarantined(counting.BytesRead == 0 ? "empty file (0 bytes)" : rejected.Message, handler.Format);
        }
        catch (Exception failure) when (failure is not OutOfMemoryException)
        {
            var reason = counting.BytesRead == 0
                ? "empty file (0 bytes)"
                : $"{handler.Format} document could not be parsed ({failure.GetType().Name})";
            return SanitizeOutcome.Quarantined(reason, handler.Format);
        }
    }

    private IDocumentHandler? Find(string extension, string? contentType) =>
        handlers.FirstOrDefault(h => h.CanHandle(extension, null))
        ?? (contentType is null ? null : handlers.FirstOrDefault(h => h.CanHandle(extension, contentType)));

    private static string ExtensionOf(string fileName) => Path.GetExtension(fileName).ToLowerInvariant();

    private static string Describe(string extension, string? contentType)
    {
        var shownExtension = extension.Length == 0 ? "no extension" : SafeToken().IsMatch(extension) ? extension : "unrecognized extension";
        var mediaType = contentType?.Split(';')[0].Trim();
        return mediaType is not null && SafeMediaType().IsMatch(mediaType) ? $"{shownExtension}, {mediaType}" : shownExtension;
    }

    [GeneratedRegex(@"^\.[a-z0-9]{1,10}$")]
    private static partial Regex SafeToken();

    [GeneratedRegex(@"^[a-z]+/[a-z0-9.+-]{1,80}$")]
    private static partial Regex SafeMediaType();
}
