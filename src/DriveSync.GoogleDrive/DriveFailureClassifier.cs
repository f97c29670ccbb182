using System.Net;
using Google.Apis.Auth.OAuth2.Responses;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace DriveSync.GoogleDrive;

/// <summary>The one place that decides what a failed Drive call means.</summary>
public static class DriveFailureClassifier
{
    /// <summary>Classifies an HTTP error answer of the Drive API by status and Google's error reason.</summary>
    public static DriveFailureAction Classify(HttpStatusCode status, string? reason)
    {
        var code = (int)status;
        if (code == 429 || code == 408 || code >= 500)
            return DriveFailureAction.Retry;
        return status switch
        {
            HttpStatusCode.Unauthorized => DriveFailureAction.StopRun,
            HttpStatusCode.Forbidden => reason switch
            {
                "userRateLimitExceeded" or "rateLimitExceeded" or "sharingRateLimitExceeded" or "backendError" => DriveFailureAction.Retry,
                "dailyLimitExceeded" or "quotaExceeded" or "accessNotConfigured" or "domainPolicy" => DriveFailureAction.StopRun,
                _ => DriveFailureAction.SkipFile,
            },
            _ => DriveFailureAction.SkipFile,
        };
    }

    /// <summary>
    /// Classifies any exception a Drive call can end with. Caller cancellation is not a failure and must be
    /// handled before asking (it classifies as <see cref="DriveFailureAction.StopRun"/>).
    /// </summary>
    public static DriveFailureAction Classify(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            DriveApiException api => Classify(api.StatusCode, api.Reason),
            DriveExportTooLargeException => DriveFailureAction.SkipFile,
            DriveChecksumMismatchException mismatch => mismatch.CanRetry ? DriveFailureAction.Retry : DriveFailureAction.SkipFile,
            DriveRetriesExhaustedException => DriveFailureAction.SkipFile,
            DriveOcrCleanupException cleanup => ClassifyCleanup(cleanup),
            DriveCredentialException => DriveFailureAction.StopRun,
            TokenResponseException { StatusCode: { } tokenStatus } when (int)tokenStatus >= 500 || (int)tokenStatus == 429 => DriveFailureAction.Retry,
            TokenResponseException => DriveFailureAction.StopRun,
            BrokenCircuitException => DriveFailureAction.StopRun,
            TimeoutRejectedException => DriveFailureAction.Retry,
            OperationCanceledException => DriveFailureAction.StopRun,
            HttpRequestException { StatusCode: { } status } => Classify(status, null),
            HttpRequestException or IOException => DriveFailureAction.Retry,
            Newtonsoft.Json.JsonException => DriveFailureAction.Retry,
            _ => DriveFailureAction.StopRun,
        };
    }

    // The run stops when either failure means "stop" (credentials, quota, open circuit); otherwise only this file failed
    // (and the next conversion of it removes the leftover by name). A timed-out cleanup is not the caller's cancellation.
    private static DriveFailureAction ClassifyCleanup(DriveOcrCleanupException cleanup)
    {
        var ofCleanup = cleanup.InnerException is null or TimeoutException or OperationCanceledException
            ? DriveFailureAction.SkipFile
            : Classify(cleanup.InnerException);
        var ofConversion = cleanup.ConversionFailure is null ? DriveFailureAction.SkipFile : Classify(cleanup.ConversionFailure);
        return ofCleanup == DriveFailureAction.StopRun || ofConversion == DriveFailureAction.StopRun ? DriveFailureAction.StopRun : DriveFailureAction.SkipFile;
    }

    /// <summary>
    /// True when Drive refused a files.list query itself: 400 (Drive's "The query is too complex." among others), 413 or 414
    /// (request too long). A refused query of a group of several folders is split in half and retried; for one folder it
    /// is an ordinary failure (<see cref="Classify(Exception)"/>).
    /// </summary>
    public static bool IsQueryRefused(Exception exception) =>
        exception is DriveApiException { StatusCode: HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.RequestUriTooLong };

    /// <summary>True for the failures that mean "slow down" (429 and the rate-limit 403s); they are counted as throttles and do not trip the circuit.</summary>
    public static bool IsThrottle(Exception exception) =>
        exception is DriveApiException api
        && ((int)api.StatusCode == 429
            || (api.StatusCode == HttpStatusCode.Forbidden && api.Reason is "userRateLimitExceeded" or "rateLimitExceeded" or "sharingRateLimitExceeded"));
}
