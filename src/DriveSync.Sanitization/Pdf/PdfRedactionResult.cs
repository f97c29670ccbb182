namespace DriveSync.Sanitization.Pdf;

/// <summary>A redacted PDF: its bytes, page count, glyphs removed, annotations dropped and redactions per PII type.</summary>
public sealed record PdfRedactionResult(byte[] Output, int Pages, int GlyphsRemoved, int AnnotationsRemoved, IReadOnlyDictionary<string, long> CountsByType);
