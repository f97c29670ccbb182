namespace DriveSync.Pipeline.Runs;

/// <summary>
/// The management surface of runs, modelled on the Durable Functions management API.
/// The HTTP API, the timer, the CLI and the status page talk to runs only through this type.
/// </summary>
public interface IRunManager
{
    /// <summary>
    /// Starts a run of the configured source, or returns the run of that source already in
    /// progress (runs of one source never overlap).
    /// </summary>
    Task<RunStartResult> StartAsync(RunRequest request, CancellationToken cancellationToken);

    /// <summary>The run's status, or <c>null</c> when no run has that id.</summary>
    Task<RunStatus?> GetAsync(string runId, CancellationToken cancellationToken);

    /// <summary>Runs, newest first, optionally filtered by status; paged by continuation token.</summary>
    Task<RunPage> ListAsync(RunQuery query, CancellationToken cancellationToken);

    /// <summary>Asks a run to stop; <c>null</c> when no run has that id.</summary>
    Task<RunStatus?> TerminateAsync(string runId, string reason, CancellationToken cancellationToken);

    /// <summary>Deletes a finished run's state and history; false when no run has that id.</summary>
    Task<PurgeResult> PurgeAsync(string runId, CancellationToken cancellationToken);
}

/// <summary>What starts a run. <see cref="Limit"/> caps the files processed; <see cref="DryRun"/> lists and plans only.</summary>
public sealed record RunRequest(string Trigger, int? Limit = null, bool DryRun = false);

/// <summary>The run that a start returned, and whether it was created by this call.</summary>
public sealed record RunStartResult(RunStatus Run, bool Created);

/// <summary>Filter and page of <see cref="IRunManager.ListAsync"/>.</summary>
public sealed record RunQuery(RuntimeStatus? Status = null, int PageSize = 50, string? ContinuationToken = null);

/// <summary>A page of runs, newest first.</summary>
public sealed record RunPage(IReadOnlyList<RunStatus> Runs, string? ContinuationToken);

/// <summary>Outcome of a purge.</summary>
public enum PurgeResult
{
    Purged,
    NotFound,
    StillRunning,
}

/// <summary>The lifecycle of a run, with the names of the Durable Functions runtime status.</summary>
public enum RuntimeStatus
{
    Pending,
    Running,
    Completed,
    Failed,
    Terminated,
}

/// <summary>A run as reported to the API and the status page. Holds counters and reasons, never file contents or PII.</summary>
public sealed record RunStatus(
    string Id,
    string SourceId,
    string Trigger,
    RuntimeStatus RuntimeStatus,
    string Phase,
    RunCounters Counters,
    DateTimeOffset CreatedTime,
    DateTimeOffset LastUpdatedTime,
    DateTimeOffset? CompletedTime,
    string? FailureReason);

/// <summary>Per-run counters; every listed file ends in exactly one of Uploaded, Skipped, Quarantined or Failed.</summary>
public sealed record RunCounters(
    long Listed,
    long Uploaded,
    long Skipped,
    long Quarantined,
    long Failed,
    long BytesRead,
    long BytesWritten,
    IReadOnlyDictionary<string, long> PiiFound)
{
    public static RunCounters Empty { get; } = new(0, 0, 0, 0, 0, 0, 0, new Dictionary<string, long>());

    /// <summary>Files that reached a final outcome.</summary>
    public long Done => Uploaded + Skipped + Quarantined + Failed;
}
