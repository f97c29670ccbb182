using System.Net;

namespace DriveSync.GoogleDrive;

/// <summary>
/// The Drive API answered with an error status. The message holds the operation, status and Google's error
/// reason only; never a file name, server message text or credential.
/// </summary>
public sealed class DriveApiException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DriveApiException(string operation, HttpStatusCode statusCode, string? reason, TimeSpan? retryAfter)
        : base($"Drive {operation} failed with HTTP {(int)statusCode}{(reason is null ? string.Empty : $" ({reason})")}.")
    {
        Operation = operation;
        StatusCode = statusCode;
        Reason = reason;
        RetryAfter = retryAfter;
    }

    /// <summary>The Drive operation, e.g. <c>files.list</c>.</summary>
    public string Operation { get; }

    /// <summary>HTTP status of the response.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>Google's error reason (<c>errors[0].reason</c>), e.g. <c>userRateLimitExceeded</c>; null if absent.</summary>
    public string? Reason { get; }

    /// <summary>The server's <c>Retry-After</c>, when it sent one.</summary>
    public TimeSpan? RetryAfter { get; }
}

/// <summary>A Google-native file is larger than Drive's export limit (10 MB); it cannot be exported.</summary>
public sealed class DriveExportTooLargeException(string fileId)
    : Exception($"Drive file {fileId} is over the 10 MB export limit and cannot be exported.")
{
    /// <summary>The file that could not be exported.</summary>
    public string FileId { get; } = fileId;
}

/// <summary>The downloaded bytes do not match Drive's size or md5Checksum.</summary>
public sealed class DriveChecksumMismatchException(string fileId, string detail, bool canRetry)
    : Exception($"Download of Drive file {fileId} is corrupt: {detail}.")
{
    /// <summary>The file whose download did not verify.</summary>
    public string FileId { get; } = fileId;

    /// <summary>True when the destination could be rewound, so downloading again can fix it.</summary>
    public bool CanRetry { get; } = canRetry;
}

/// <summary>A retryable failure kept failing until the retry budget was spent; the last failure is the inner exception.</summary>
public sealed class DriveRetriesExhaustedException(string operation, int attempts, Exception last)
    : Exception($"Drive {operation} still failed after {attempts} attempts: {last.Message}", last)
{
    /// <summary>The Drive operation.</summary>
    public string Operation { get; } = operation;

    /// <summary>Attempts made.</summary>
    public int Attempts { get; } = attempts;
}

/// <summary>The Drive credentials could not be loaded (the message never contains key material).</summary>
public sealed class DriveCredentialException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// The temporary Google Doc of an OCR conversion could not be deleted (or leftover copies could not be looked up).
/// The inner exception is the cleanup failure; <see cref="ConversionFailure"/> is the conversion's own failure, if it
/// failed too. The message holds ids only: an operator deletes <see cref="TemporaryFileIds"/> (or searches Drive for
/// <see cref="TemporaryName"/>) by hand.
/// </summary>
public sealed class DriveOcrCleanupException(
    string sourceFileId, string temporaryName, IReadOnlyList<string> temporaryFileIds, Exception cleanupFailure, Exception? conversionFailure)
    : Exception(
        $"The temporary OCR copy of Drive file {sourceFileId} ({(temporaryFileIds.Count == 0 ? "name " + temporaryName : "id " + string.Join(", ", temporaryFileIds))}) could not be deleted: {cleanupFailure.Message} Delete it by hand.",
        cleanupFailure)
{
    /// <summary>The file that was converted.</summary>
    public string SourceFileId { get; } = sourceFileId;

    /// <summary>The name of the temporary copies (<c>drivesync-ocr-&lt;source id&gt;</c>; no personal data).</summary>
    public string TemporaryName { get; } = temporaryName;

    /// <summary>The temporary copies still in Drive; empty when the lookup of leftovers itself failed.</summary>
    public IReadOnlyList<string> TemporaryFileIds { get; } = temporaryFileIds;

    /// <summary>The failure of the conversion itself, when it failed before the cleanup; null when it succeeded.</summary>
    public Exception? ConversionFailure { get; } = conversionFailure;
}
