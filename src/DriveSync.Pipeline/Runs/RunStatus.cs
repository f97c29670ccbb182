namespace DriveSync.Pipeline.Runs;

/// <summary>The lifecycle of a run, with the names of the Durable Functions runtime status.</summary>
public enum RuntimeStatus
{
    Pending,
    Running,
    Completed,
    Failed,
    Terminated,
}

/// <summary>A finished run as <c>runs/{id}/summary.json</c> holds it (the shape scripts read). Counters and reasons, never file contents or PII.</summary>
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

/// <summary>
/// Per-run counters; every listed file ends in exactly one of Uploaded, Skipped, Quarantined or Failed.
/// <see cref="Reprocessed"/> is the part of Uploaded that replaced outputs written under another sanitizer policy;
/// <see cref="Removed"/> counts outputs deleted (their source left the tree, or a newer output superseded them).
/// </summary>
public sealed record RunCounters(
    long Listed,
    long Uploaded,
    long Skipped,
    long Quarantined,
    long Failed,
    long BytesRead,
    long BytesWritten,
    IReadOnlyDictionary<string, long> PiiFound,
    long Reprocessed = 0,
    long Removed = 0)
{
    public static RunCounters Empty { get; } = new(0, 0, 0, 0, 0, 0, 0, new Dictionary<string, long>());

    /// <summary>Files that reached a final outcome.</summary>
    public long Done => Uploaded + Skipped + Quarantined + Failed;
}
