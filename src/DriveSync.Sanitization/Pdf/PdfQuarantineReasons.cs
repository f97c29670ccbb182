namespace DriveSync.Sanitization.Pdf;

/// <summary>Quarantine reasons of the PDF redactor that callers may act on (they hold no document content).</summary>
public static class PdfQuarantineReasons
{
    /// <summary>No page has a text layer (a scan): only OCR could read it.</summary>
    public const string NoTextLayer = "no text layer (OCR route not enabled)";

    /// <summary>Some pages draw images but have no text (scanned pages in a text PDF).</summary>
    public const string PageWithoutTextLayer = "PDF has pages without a text layer (OCR route not enabled)";

    /// <summary>Pages whose text is invisible over an image (an OCR layer over a scan): the image cannot be redacted.</summary>
    public const string ScannedWithOcrLayer = "PDF is a scan with an OCR text layer (the image cannot be redacted)";

    /// <summary>The file is encrypted.</summary>
    public const string Encrypted = "PDF is encrypted";

    /// <summary>The file could not be read as a PDF.</summary>
    public const string Unreadable = "PDF could not be parsed";

    /// <summary>The file's structure is broken in a way the redactor does not anticipate.</summary>
    public const string Unprocessable = "PDF structure could not be processed";

    /// <summary>True for the reasons that only OCR can overcome (no text layer, scanned pages, an OCR layer over a scan): the files the opt-in Drive OCR route should take.</summary>
    public static bool IsOcrCandidate(string? reason) => reason is NoTextLayer or PageWithoutTextLayer or ScannedWithOcrLayer;
}
