using System.Net;
using DriveSync.GoogleDrive;
using DriveSync.Pipeline.Orchestration;
using DriveSync.Pipeline.Ports;

namespace DriveSync.Pipeline.Runs;

/// <summary>
/// Turns a failure of a Drive or storage call made by an activity into what the orchestration understands, by that
/// dependency's classifier (after the dependency's own client retried): Retry → <see cref="TransientDependencyException"/>
/// (the activity is retried by the orchestrator's policy; no other layer retries it); anything else →
/// <see cref="DriveStopException"/> / <see cref="StorageStopException"/> (the run fails). Messages name the stage and the
/// error type only (for an answer from Drive: its HTTP status, usual cause and Google's reason code, which the status
/// page shows an operator): they end up in the task hub's history.
/// </summary>
public static class Guard
{
    public static async Task<T> DriveAsync<T>(string stage, IDriveSource source, Func<Task<T>> call)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(call);
        try
        {
            return await call();
        }
        catch (Exception exception) when (IsForeign(exception))
        {
            throw source.Classify(exception) == FailureKind.Retry
                ? Transient(stage, exception)
                : new DriveStopException($"Drive: the {stage} failed{WhatDriveSaid(exception)}.");
        }
    }

    public static async Task<T> StorageAsync<T>(string stage, IBlobStore blobs, Func<Task<T>> call)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        ArgumentNullException.ThrowIfNull(call);
        try
        {
            return await call();
        }
        catch (Exception exception) when (IsForeign(exception))
        {
            throw blobs.Classify(exception) == FailureKind.Retry
                ? Transient(stage, exception)
                : new StorageStopException($"Storage: the {stage} failed ({exception.GetType().Name}).");
        }
    }

    public static async Task StorageAsync(string stage, IBlobStore blobs, Func<Task> call) =>
        await StorageAsync(stage, blobs, async () =>
        {
            await call();
            return true;
        });

    /// <summary>
    /// Drive's answer in words an operator can act on: the HTTP status, its usual cause and Google's error reason code
    /// (e.g. <c>authError</c>); the exception type when Drive gave no answer. Never a name, id or server message.
    /// </summary>
    private static string WhatDriveSaid(Exception exception) => exception switch
    {
        DriveApiException { StatusCode: HttpStatusCode.Unauthorized } api => $": Drive refused the credentials (HTTP 401{ReasonCode(api)})",
        DriveApiException { StatusCode: HttpStatusCode.Forbidden } api => $": Drive denied access (HTTP 403{ReasonCode(api)})",
        DriveApiException { StatusCode: HttpStatusCode.NotFound } api => $": the folder or file was not found (HTTP 404{ReasonCode(api)})",
        DriveApiException api => $": Drive answered HTTP {(int)api.StatusCode}{ReasonCode(api)}",
        _ => $" ({exception.GetType().Name})",
    };

    private static string ReasonCode(DriveApiException exception) => exception.Reason is { Length: > 0 } reason ? ", " + reason : string.Empty;

    private static TransientDependencyException Transient(string stage, Exception exception) =>
        new($"The {stage} failed transiently ({exception.GetType().Name}).");

    /// <summary>True for an exception not yet translated (and not a cancellation).</summary>
    private static bool IsForeign(Exception exception) =>
        exception is not (OperationCanceledException or TransientDependencyException or DriveStopException or StorageStopException or RunSupersededException);
}
