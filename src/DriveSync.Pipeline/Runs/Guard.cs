using DriveSync.Pipeline.Orchestration;
using DriveSync.Pipeline.Ports;

namespace DriveSync.Pipeline.Runs;

/// <summary>
/// Turns a failure of a Drive or storage call made by an activity into what the orchestration understands, by that
/// dependency's classifier (after the dependency's own client retried): Retry → <see cref="TransientDependencyException"/>
/// (the activity is retried by the orchestrator's policy; no other layer retries it); anything else →
/// <see cref="DriveStopException"/> / <see cref="StorageStopException"/> (the run fails). Messages name the stage and the
/// error type only: they end up in the task hub's history.
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
                : new DriveStopException($"Drive: the {stage} failed ({exception.GetType().Name}).");
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

    private static TransientDependencyException Transient(string stage, Exception exception) =>
        new($"The {stage} failed transiently ({exception.GetType().Name}).");

    /// <summary>True for an exception not yet translated (and not a cancellation).</summary>
    private static bool IsForeign(Exception exception) =>
        exception is not (OperationCanceledException or TransientDependencyException or DriveStopException or StorageStopException or RunSupersededException);
}
