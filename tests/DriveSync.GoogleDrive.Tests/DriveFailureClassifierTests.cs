using System.Net;
using Google.Apis.Auth.OAuth2.Responses;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace DriveSync.GoogleDrive.Tests;

public sealed class DriveFailureClassifierTests
{
    [Theory]
    [InlineData(429, null, DriveFailureAction.Retry)]
    [InlineData(429, "rateLimitExceeded", DriveFailureAction.Retry)]
    [InlineData(403, "userRateLimitExceeded", DriveFailureAction.Retry)]
    [InlineData(403, "rateLimitExceeded", DriveFailureAction.Retry)]
    [InlineData(403, "sharingRateLimitExceeded", DriveFailureAction.Retry)]
    [InlineData(500, "backendError", DriveFailureAction.Retry)]
    [InlineData(502, null, DriveFailureAction.Retry)]
    [InlineData(503, null, DriveFailureAction.Retry)]
    [InlineData(504, null, DriveFailureAction.Retry)]
    [InlineData(408, null, DriveFailureAction.Retry)]
    [InlineData(400, "invalid", DriveFailureAction.SkipFile)]
    [InlineData(400, "badRequest", DriveFailureAction.SkipFile)]
    [InlineData(404, "notFound", DriveFailureAction.SkipFile)]
    [InlineData(403, "insufficientFilePermissions", DriveFailureAction.SkipFile)]
    [InlineData(403, "forbidden", DriveFailureAction.SkipFile)]
    [InlineData(403, "fileNotDownloadable", DriveFailureAction.SkipFile)]
    [InlineData(403, "exportSizeLimitExceeded", DriveFailureAction.SkipFile)]
    [InlineData(403, null, DriveFailureAction.SkipFile)]
    [InlineData(416, null, DriveFailureAction.SkipFile)]
    [InlineData(403, "cannotCopyFile", DriveFailureAction.SkipFile)]
    [InlineData(403, "storageQuotaExceeded", DriveFailureAction.SkipFile)]
    [InlineData(403, "cannotAddParent", DriveFailureAction.SkipFile)]
    [InlineData(401, "authError", DriveFailureAction.StopRun)]
    [InlineData(401, null, DriveFailureAction.StopRun)]
    [InlineData(403, "dailyLimitExceeded", DriveFailureAction.StopRun)]
    [InlineData(403, "accessNotConfigured", DriveFailureAction.StopRun)]
    [InlineData(403, "domainPolicy", DriveFailureAction.StopRun)]
    public void Classify_StatusAndReason_GivesAction(int status, string? reason, DriveFailureAction expected)
    {
        Assert.Equal(expected, DriveFailureClassifier.Classify((HttpStatusCode)status, reason));
        Assert.Equal(expected, DriveFailureClassifier.Classify(new DriveApiException("files.get", (HttpStatusCode)status, reason, null)));
    }

    public static TheoryData<Exception, DriveFailureAction> Exceptions => new()
    {
        { new HttpRequestException("connection reset"), DriveFailureAction.Retry },
        { new HttpRequestException("bad gateway", null, HttpStatusCode.BadGateway), DriveFailureAction.Retry },
        { new HttpRequestException("not found", null, HttpStatusCode.NotFound), DriveFailureAction.SkipFile },
        { new IOException("The response ended prematurely."), DriveFailureAction.Retry },
        { new TimeoutRejectedException(), DriveFailureAction.Retry },
        { new Newtonsoft.Json.JsonReaderException("cut off"), DriveFailureAction.Retry },
        { new DriveChecksumMismatchException("f1", "md5Checksum differs", canRetry: true), DriveFailureAction.Retry },
        { new DriveChecksumMismatchException("f1", "md5Checksum differs", canRetry: false), DriveFailureAction.SkipFile },
        { new DriveExportTooLargeException("f1"), DriveFailureAction.SkipFile },
        { new DriveRetriesExhaustedException("files.get(media)", 7, new IOException("reset")), DriveFailureAction.SkipFile },
        { new DriveCredentialException("bad key"), DriveFailureAction.StopRun },
        { new TokenResponseException(new TokenErrorResponse { Error = "invalid_grant" }), DriveFailureAction.StopRun },
        { new TokenResponseException(new TokenErrorResponse { Error = "invalid_grant" }, HttpStatusCode.BadRequest), DriveFailureAction.StopRun },
        { new TokenResponseException(new TokenErrorResponse { Error = "backend" }, HttpStatusCode.ServiceUnavailable), DriveFailureAction.Retry },
        { new BrokenCircuitException(), DriveFailureAction.StopRun },
        { new IsolatedCircuitException(), DriveFailureAction.StopRun },
        { new OperationCanceledException(), DriveFailureAction.StopRun },
        { new InvalidOperationException("bug"), DriveFailureAction.StopRun },
        { Cleanup(new DriveApiException("files.delete", HttpStatusCode.Forbidden, "insufficientFilePermissions", null), null), DriveFailureAction.SkipFile },
        { Cleanup(new DriveRetriesExhaustedException("files.delete", 7, new IOException("reset")), null), DriveFailureAction.SkipFile },
        { Cleanup(new TimeoutException("cleanup timed out"), new OperationCanceledException()), DriveFailureAction.StopRun },
        { Cleanup(new TimeoutException("cleanup timed out"), new DriveExportTooLargeException("f2")), DriveFailureAction.SkipFile },
        { Cleanup(new DriveApiException("files.delete", HttpStatusCode.Unauthorized, "authError", null), new DriveExportTooLargeException("f2")), DriveFailureAction.StopRun },
        { Cleanup(new BrokenCircuitException(), null), DriveFailureAction.StopRun },
    };

    private static DriveOcrCleanupException Cleanup(Exception cleanupFailure, Exception? conversionFailure) =>
        new("f1", "drivesync-ocr-f1", ["f2"], cleanupFailure, conversionFailure);

    [Theory]
    [MemberData(nameof(Exceptions))]
    public void Classify_Exception_GivesAction(Exception exception, DriveFailureAction expected) =>
        Assert.Equal(expected, DriveFailureClassifier.Classify(exception));

    [Theory]
    [InlineData(429, null, true)]
    [InlineData(403, "userRateLimitExceeded", true)]
    [InlineData(403, "rateLimitExceeded", true)]
    [InlineData(503, null, false)]
    [InlineData(403, "insufficientFilePermissions", false)]
    public void IsThrottle_Status_TellsThrottlingApart(int status, string? reason, bool expected) =>
        Assert.Equal(expected, DriveFailureClassifier.IsThrottle(new DriveApiException("files.list", (HttpStatusCode)status, reason, null)));

    [Theory]
    [InlineData(400, "badRequest", true)]
    [InlineData(400, "invalid", true)]
    [InlineData(400, null, true)]
    [InlineData(413, null, true)]
    [InlineData(414, null, true)]
    [InlineData(403, "forbidden", false)]
    [InlineData(404, "notFound", false)]
    [InlineData(429, "rateLimitExceeded", false)]
    [InlineData(500, "backendError", false)]
    [InlineData(401, "authError", false)]
    public void IsQueryRefused_ApiStatus_SplitsOnlyRefusals(int status, string? reason, bool expected) =>
        Assert.Equal(expected, DriveFailureClassifier.IsQueryRefused(new DriveApiException("files.list", (HttpStatusCode)status, reason, null)));

    [Fact]
    public void IsQueryRefused_TransportFailures_False()
    {
        Assert.False(DriveFailureClassifier.IsQueryRefused(new IOException("reset")));
        Assert.False(DriveFailureClassifier.IsQueryRefused(new HttpRequestException("bad", null, HttpStatusCode.BadRequest)));
        Assert.False(DriveFailureClassifier.IsQueryRefused(new TimeoutRejectedException()));
    }
}
