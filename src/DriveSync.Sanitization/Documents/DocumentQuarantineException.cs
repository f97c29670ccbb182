namespace DriveSync.Sanitization.Documents;

/// <summary>Thrown by a handler that refuses a document; the message is the quarantine reason and must never contain document content.</summary>
public sealed class DocumentQuarantineException(string reason) : Exception(reason);
