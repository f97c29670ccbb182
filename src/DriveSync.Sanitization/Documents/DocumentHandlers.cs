using DriveSync.Sanitization.OpenXml;
using DriveSync.Sanitization.Text;

namespace DriveSync.Sanitization.Documents;

/// <summary>The registry of built-in format handlers, asked in order; the first whose <see cref="IDocumentHandler.CanHandle"/> is true takes the file.</summary>
public static class DocumentHandlers
{
    /// <summary>The built-in handlers (add a new format with one line here).</summary>
    public static IReadOnlyList<IDocumentHandler> CreateDefault() =>
    [
        new TextDocumentHandler(),
        new OpenXmlDocumentHandler(),
        new Pdf.PdfDocumentHandler(),
    ];
}
