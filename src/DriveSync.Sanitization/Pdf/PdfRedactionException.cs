namespace DriveSync.Sanitization.Pdf;

/// <summary>A PDF the redactor refuses (fail closed). The message is a fixed quarantine reason that never holds document content.</summary>
public sealed class PdfRedactionException(string reason) : Exception(reason);
